import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { emailOutbox } from "./email";
import { groups } from "./groups";
import { timelineEvents } from "./events";
import { users } from "./users";

/** G4: one email composed for one or more groups; each recipient's copy goes through the outbox. */
export const groupEmails = pgTable(
  "group_emails",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** Names at send time, so the campaign still reads right after a group is renamed or deleted. */
    groupNames: text("group_names").array().notNull(),
    recipientCount: integer("recipient_count").notNull(),
    skippedCount: integer("skipped_count").notNull(),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("group_emails_created_idx").on(t.createdAt, t.id), index("group_emails_created_by_idx").on(t.createdBy)],
);

export const groupEmailGroups = pgTable(
  "group_email_groups",
  {
    groupEmailId: integer("group_email_id")
      .notNull()
      .references(() => groupEmails.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ name: "group_email_groups_pk", columns: [t.groupEmailId, t.groupId] }), index("group_email_groups_group_idx").on(t.groupId)],
);

export const groupEmailRecipients = pgTable(
  "group_email_recipients",
  {
    groupEmailId: integer("group_email_id")
      .notNull()
      .references(() => groupEmails.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    outboxId: bigint("outbox_id", { mode: "number" }).references(() => emailOutbox.id, { onDelete: "set null" }),
    timelineEventId: bigint("timeline_event_id", { mode: "number" }).references(() => timelineEvents.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ name: "group_email_recipients_pk", columns: [t.groupEmailId, t.userId] }),
    index("group_email_recipients_user_idx").on(t.userId),
    index("group_email_recipients_outbox_idx").on(t.outboxId),
    index("group_email_recipients_timeline_idx").on(t.timelineEventId),
  ],
);
