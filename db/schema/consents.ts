import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * S3, C2: the consent log. Every grant or withdrawal is a new row (never updated), so the record
 * of who agreed to what, when, how and on whose action survives later changes.
 */
export const consents = pgTable(
  "consents",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** newsletter | offers | sms (see CONSENT_KINDS in server/schemas/account.ts). */
    kind: text("kind").notNull(),
    granted: boolean("granted").notNull(),
    /** How it was given: "subscriber import", "customer area", "double opt-in link"… */
    source: text("source").notNull(),
    actorId: bigint("actor_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // (user_id, kind, created_at) answers "current preferences" and every per-user lookup.
    index("consents_user_kind_created_idx").on(t.userId, t.kind, t.createdAt),
    index("consents_actor_idx").on(t.actorId),
  ],
);

export const subscriberAction = pgEnum("subscriber_action", ["subscribe", "unsubscribe"]);
export const subscriberImportStatus = pgEnum("subscriber_import_status", ["uploading", "checked", "applied"]);

/** S1–S3: a pasted list staged in chunks (for upload progress), checked, previewed, then applied at once. */
export const subscriberImports = pgTable(
  "subscriber_imports",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    action: subscriberAction("action").notNull(),
    /** Which optional checks were chosen: syntax, duplicates, role, disposable, typos. */
    checks: jsonb("checks").$type<Record<string, boolean>>().notNull(),
    status: subscriberImportStatus("status").notNull().default("uploading"),
    lineCount: integer("line_count").notNull().default(0),
    counts: jsonb("counts").$type<Record<string, number>>(),
    createdById: bigint("created_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("subscriber_imports_created_by_idx").on(t.createdById), index("subscriber_imports_created_idx").on(t.createdAt)],
);

export const subscriberImportLines = pgTable(
  "subscriber_import_lines",
  {
    importId: bigint("import_id", { mode: "number" })
      .notNull()
      .references(() => subscriberImports.id, { onDelete: "cascade" }),
    lineNo: integer("line_no").notNull(),
    raw: text("raw").notNull(),
    /** Lower-cased address when the line holds one. */
    email: text("email"),
    /** new | updated | unchanged | rejected, set by the check. */
    outcome: text("outcome"),
    reason: text("reason"),
    suggestion: text("suggestion"),
    userId: bigint("user_id", { mode: "number" }),
  },
  (t) => [
    primaryKey({ name: "subscriber_import_lines_pk", columns: [t.importId, t.lineNo] }),
    index("subscriber_import_lines_outcome_idx").on(t.importId, t.outcome, t.lineNo),
  ],
);
