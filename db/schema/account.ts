import { sql } from "drizzle-orm";
import { bigint, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

/** "done" is not stored: a request is fulfilled once its user is anonymised. */
export const deletionRequestStatus = pgEnum("deletion_request_status", ["open", "withdrawn", "dismissed"]);

/** C2: a customer's request to erase their account; staff act on it by anonymising. */
export const deletionRequests = pgTable(
  "deletion_requests",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason"),
    status: deletionRequestStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedById: bigint("closed_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    closeNote: text("close_note"),
  },
  (t) => [
    uniqueIndex("deletion_requests_open_user_uq").on(t.userId).where(sql`status = 'open'`),
    index("deletion_requests_user_idx").on(t.userId),
    index("deletion_requests_status_created_idx").on(t.status, t.createdAt, t.id),
    index("deletion_requests_closed_by_idx").on(t.closedById),
  ],
);
