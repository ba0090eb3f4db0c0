import { z } from "zod";
import { Id } from "./common";

/** S1: most addresses one paste may hold. */
export const MAX_SUBSCRIBER_LINES = 100_000;
/** Lines per upload request: big enough to be quick, small enough to show progress. */
export const SUBSCRIBER_CHUNK = 10_000;

export const SUBSCRIBER_CHECKS = ["syntax", "duplicates", "role", "disposable", "typos"] as const;
export type SubscriberCheck = (typeof SUBSCRIBER_CHECKS)[number];
export const CHECK_LABELS: Record<SubscriberCheck, string> = {
  syntax: "Strict syntax",
  duplicates: "Duplicates in the paste",
  role: "Role addresses (info@, sales@…)",
  disposable: "Disposable domains",
  typos: "Likely typos of common domains",
};

export const SubscriberChecks = z.object({
  syntax: z.boolean().default(true),
  duplicates: z.boolean().default(true),
  role: z.boolean().default(true),
  disposable: z.boolean().default(true),
  typos: z.boolean().default(true),
});
export type SubscriberChecks = z.infer<typeof SubscriberChecks>;

export const SubscriberAction = z.enum(["subscribe", "unsubscribe"]);
export type SubscriberAction = z.infer<typeof SubscriberAction>;

export const ImportCreateInput = z.object({ action: SubscriberAction, checks: SubscriberChecks.default(SubscriberChecks.parse({})) });

export const ImportUploadInput = z.object({
  id: Id,
  /** 1-based number of the first line in this chunk, so every line keeps its number in the paste. */
  startLine: z.number().int().min(1).max(10_000_000),
  lines: z.array(z.string().max(1000, "A line is longer than 1,000 characters")).min(1).max(SUBSCRIBER_CHUNK),
});

export const ImportIdInput = z.object({ id: Id });

export const OUTCOMES = ["new", "updated", "unchanged", "rejected"] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

export const ImportSummary = z.object({
  id: z.number(),
  action: SubscriberAction,
  status: z.enum(["uploading", "checked", "applied"]),
  lineCount: z.number(),
  counts: z.object({ new: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
  /** Rejections per reason ("Duplicate", "Role address", …), most frequent first. */
  reasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  doubleOptIn: z.boolean(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportLinesInput = z.object({
  id: Id,
  outcome: Outcome.optional(),
  /** The last line number of the previous page. */
  cursor: z.number().int().min(0).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ImportLine = z.object({
  lineNo: z.number(),
  raw: z.string(),
  email: z.string().nullable(),
  outcome: Outcome.nullable(),
  reason: z.string().nullable(),
  suggestion: z.string().nullable(),
});
export type ImportLine = z.infer<typeof ImportLine>;
export const ImportLinesOutput = z.object({ items: z.array(ImportLine), nextCursor: z.number().nullable() });

export const ImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  confirmationsQueued: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;
