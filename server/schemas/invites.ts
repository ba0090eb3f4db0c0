import { z } from "zod";
import { Id } from "./common";
import { EmailToken } from "./passwords";
import { PASSWORD_MAX_LENGTH } from "./password-strength";

export const INVITE_STATES = ["pending", "accepted", "expired", "revoked"] as const;
export const InviteState = z.enum(INVITE_STATES);
export type InviteState = z.infer<typeof InviteState>;

/** Most addresses one invite form takes: enough for a trade fair list, small enough to send at once. */
export const MAX_INVITES_PER_REQUEST = 500;

export const InviteCreateInput = z.object({
  /** Pasted text: one address per line, or separated by commas, semicolons or spaces. */
  emails: z
    .string()
    .trim()
    .min(1, "Enter at least one email address")
    .max(MAX_INVITES_PER_REQUEST * 260, "Too much text: paste at most 500 addresses at a time"),
  levelId: Id.nullable().default(null),
  groupIds: z.array(Id).max(50).default([]),
  tagIds: z.array(Id).max(50).default([]),
  message: z
    .string()
    .trim()
    .max(2000, "Keep the personal message under 2,000 characters")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null),
});
export type InviteCreateInput = z.input<typeof InviteCreateInput>;

export const InviteForUserInput = z.object({ userId: Id, message: InviteCreateInput.shape.message });

/** What happened to each pasted address. */
export const InviteOutcome = z.object({
  email: z.string(),
  result: z.enum(["invited", "skipped"]),
  /** Plain words: "already has an active account", "not a valid email address"… */
  note: z.string().nullable(),
  inviteId: z.number().nullable(),
});
export type InviteOutcome = z.infer<typeof InviteOutcome>;
export const InviteCreateResult = z.object({ invited: z.number(), skipped: z.number(), outcomes: z.array(InviteOutcome) });
export type InviteCreateResult = z.infer<typeof InviteCreateResult>;

export const InviteListInput = z.object({
  state: InviteState.optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type InviteListInput = z.input<typeof InviteListInput>;

export const InviteItem = z.object({
  id: z.number(),
  userId: z.number(),
  email: z.string(),
  state: InviteState,
  invitedBy: z.string().nullable(),
  levelName: z.string().nullable(),
  groupNames: z.array(z.string()),
  tagNames: z.array(z.string()),
  message: z.string().nullable(),
  sentAt: z.date(),
  expiresAt: z.date(),
  sendCount: z.number(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type InviteItem = z.infer<typeof InviteItem>;

export const InviteListOutput = z.object({
  items: z.array(InviteItem),
  nextCursor: z.string().nullable(),
  counts: z.object({ pending: z.number(), accepted: z.number(), expired: z.number(), revoked: z.number() }),
});
export type InviteListOutput = z.infer<typeof InviteListOutput>;

export const InviteIdInput = z.object({ id: Id });

export const InviteTokenInput = z.object({ token: EmailToken });

/** What the invitee's page shows before the form. */
export const InviteLinkState = z.object({
  state: z.enum(["valid", "accepted", "revoked", "replaced", "expired", "unknown"]),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  invitedBy: z.string().nullable(),
  message: z.string().nullable(),
  expiresAt: z.date().nullable(),
});
export type InviteLinkState = z.infer<typeof InviteLinkState>;

export const InviteAcceptInput = z.object({
  token: EmailToken,
  password: z.string().min(1, "Choose a password").max(PASSWORD_MAX_LENGTH),
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
});
export type InviteAcceptInput = z.input<typeof InviteAcceptInput>;
