import { z } from "zod";
import { Id } from "./common";

export const EMAIL_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export const EmailStatus = z.enum(EMAIL_STATUSES);
export type EmailStatus = z.infer<typeof EmailStatus>;

export const OutboxListInput = z.object({
  status: EmailStatus.optional(),
  userId: Id.optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type OutboxListInput = z.input<typeof OutboxListInput>;

/** No bodies: reset links must not be readable by staff who could use them. */
export const OutboxItem = z.object({
  id: z.number(),
  kind: z.string(),
  toAddress: z.string(),
  userId: z.number().nullable(),
  subject: z.string(),
  status: EmailStatus,
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.date(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  deliveredVia: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxListOutput = z.object({
  items: z.array(OutboxItem),
  nextCursor: z.string().nullable(),
  /** Messages waiting or failed: the ones that need attention. */
  counts: z.object({ queued: z.number(), sending: z.number(), failed: z.number() }),
  /** How email leaves: "smtp", "mailbox" (development) or "none" (nothing configured: it waits). */
  delivery: z.enum(["smtp", "mailbox", "none"]),
});
export type OutboxListOutput = z.infer<typeof OutboxListOutput>;

export const MailboxMessage = z.object({
  id: z.number(),
  kind: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  sentAt: z.date().nullable(),
  /** Every link in the message, for a page that shows them as real links. */
  links: z.array(z.string()),
});
export type MailboxMessage = z.infer<typeof MailboxMessage>;

const Subject = z.string().trim().min(1, "Write a subject").max(200, "Keep the subject under 200 characters");
const Body = z.string().trim().min(1, "Write a message").max(10_000, "Keep the message under 10,000 characters");

export const MessageInput = z.object({ userId: Id, subject: Subject, body: Body });
export type MessageInput = z.infer<typeof MessageInput>;

export const MessagePreview = z.object({ to: z.string(), subject: z.string(), html: z.string(), text: z.string() });
export type MessagePreview = z.infer<typeof MessagePreview>;
