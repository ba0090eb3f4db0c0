import { sql } from "drizzle-orm";
import { bigint, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { customerLevels, users } from "./users";

/** "expired" is not stored: a pending invite whose current link is past expires_at. */
export const inviteStatus = pgEnum("invite_status", ["pending", "accepted", "revoked"]);

/** I1–I3: one row per invitation; its links (one live at a time) are in invite_links. */
export const invites = pgTable(
  "invites",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    status: inviteStatus("status").notNull().default("pending"),
    invitedById: bigint("invited_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    levelId: integer("level_id").references(() => customerLevels.id, { onDelete: "set null" }),
    groupIds: integer("group_ids").array().notNull().default(sql`'{}'::integer[]`),
    tagIds: integer("tag_ids").array().notNull().default(sql`'{}'::integer[]`),
    message: text("message"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    sendCount: integer("send_count").notNull().default(1),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: bigint("revoked_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("invites_created_id_idx").on(t.createdAt, t.id),
    index("invites_status_created_idx").on(t.status, t.createdAt, t.id),
    index("invites_user_idx").on(t.userId),
    index("invites_invited_by_idx").on(t.invitedById),
    index("invites_revoked_by_idx").on(t.revokedById),
    index("invites_level_idx").on(t.levelId),
    // At most one live invitation per person: a second invite becomes a resend.
    uniqueIndex("invites_pending_user_uq").on(t.userId).where(sql`status = 'pending'`),
  ],
);

/** Single-use links; only the sha256 of the token is kept. A resend kills the previous link. */
export const inviteLinks = pgTable(
  "invite_links",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    inviteId: bigint("invite_id", { mode: "number" })
      .notNull()
      .references(() => invites.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    replacedAt: timestamp("replaced_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invite_links_token_hash_uq").on(t.tokenHash), index("invite_links_invite_idx").on(t.inviteId)],
);
