import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timelineEvents } from "./events";
import { users } from "./users";

export const emailStatus = pgEnum("email_status", ["queued", "sending", "sent", "failed"]);

/**
 * The durable outbox (P3): a row is written in the transaction of the action that causes the
 * email and sent later by the worker. `next_attempt_at` doubles as the lease: a claimed row is
 * `sending` with `next_attempt_at` in the future; if its worker dies the row becomes due again.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** What caused it: password_reset, message, invite, group_email, confirmation… */
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    /** Holds a one-time link: the body is erased once delivered over SMTP. */
    sensitive: boolean("sensitive").notNull().default(false),
    status: emailStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Random per claim, so a worker whose lease ran out cannot overwrite the next one's result. */
    claimToken: text("claim_token"),
    lastError: text("last_error"),
    /** "smtp" or "mailbox" (the development mailbox page). */
    deliveredVia: text("delivered_via"),
    providerMessageId: text("provider_message_id"),
    timelineEventId: bigint("timeline_event_id", { mode: "number" }).references(() => timelineEvents.id, {
      onDelete: "set null",
    }),
    createdById: bigint("created_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    // The worker's only question ("what is due?") reads this small partial index.
    index("email_outbox_due_idx").on(t.nextAttemptAt, t.id).where(sql`status in ('queued', 'sending')`),
    index("email_outbox_created_idx").on(t.createdAt, t.id),
    index("email_outbox_status_created_idx").on(t.status, t.createdAt, t.id),
    index("email_outbox_user_idx").on(t.userId, t.createdAt),
    index("email_outbox_timeline_idx").on(t.timelineEventId),
    index("email_outbox_created_by_idx").on(t.createdById),
  ],
);

export const emailTokenPurpose = pgEnum("email_token_purpose", [
  "password_reset",
  "email_confirm",
  "subscription_confirm",
]);

/** One-time links sent by email; only the sha256 of the token is kept. */
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdById: bigint("created_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_tokens_hash_uq").on(t.tokenHash),
    index("email_tokens_user_purpose_idx").on(t.userId, t.purpose, t.createdAt),
    index("email_tokens_created_by_idx").on(t.createdById),
  ],
);
