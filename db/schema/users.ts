import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { smartTypes } from "./groups";

export const userRole = pgEnum("user_role", ["owner", "admin", "manager", "customer"]);
export const userStatus = pgEnum("user_status", ["pending", "approved", "suspended", "rejected"]);
export const userSource = pgEnum("user_source", [
  "manual",
  "import",
  "prospect",
  "ecommerce",
  "invite",
  "subscriber",
]);
export const inviteState = pgEnum("invite_state", ["none", "pending", "accepted"]);
export const prospectStage = pgEnum("prospect_stage", ["new", "contacted", "qualified", "won", "lost"]);

export const customerLevels = pgTable("customer_levels", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    phone: text("phone"),
    company: text("company"),
    jobTitle: text("job_title"),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    city: text("city"),
    region: text("region"),
    postcode: text("postcode"),
    country: text("country"),
    customFields: jsonb("custom_fields").$type<Record<string, unknown>>().notNull().default({}),
    role: userRole("role").notNull().default("customer"),
    status: userStatus("status").notNull().default("pending"),
    levelId: integer("level_id").references(() => customerLevels.id, { onDelete: "set null" }),
    source: userSource("source").notNull().default("manual"),
    subscribed: boolean("subscribed").notNull().default(false),
    subscriptionConfirmedAt: timestamp("subscription_confirmed_at", { withTimezone: true }),
    subscriptionChangedAt: timestamp("subscription_changed_at", { withTimezone: true }),
    emailConfirmedAt: timestamp("email_confirmed_at", { withTimezone: true }),
    inviteState: inviteState("invite_state").notNull().default("none"),
    passwordHash: text("password_hash"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    prospectStage: prospectStage("prospect_stage"),
    lastActiveAt: timestamp("last_active_at", { withTimezone: true }),
    // Order aggregates, kept current by the order write paths so list filters never scan orders.
    orderCount: integer("order_count").notNull().default(0),
    totalSpendCents: bigint("total_spend_cents", { mode: "number" }).notNull().default(0),
    lastOrderAt: timestamp("last_order_at", { withTimezone: true }),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    // G6: derived from group memberships and smart type priority; maintained set-based (see groups migration).
    smartTypeId: integer("smart_type_id").references((): AnyPgColumn => smartTypes.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Everything "can this user log in" needs except the time-dependent parts (expiry, double opt-in).
    loginable: boolean("loginable")
      .notNull()
      .generatedAlwaysAs(
        sql`status = 'approved' and password_hash is not null and invite_state <> 'pending' and anonymised_at is null`,
      ),
  },
  (t) => [
    uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
    index("users_created_id_idx").on(t.createdAt, t.id),
    // Never-active users sort as oldest; the keyset needs a non-null key.
    index("users_last_active_id_idx").on(sql`coalesce(${t.lastActiveAt}, '-infinity'::timestamptz)`, t.id),
    index("users_total_spend_id_idx").on(t.totalSpendCents, t.id),
    index("users_last_order_idx").on(t.lastOrderAt),
    index("users_name_idx").on(sql`lower(${t.lastName}) collate "C"`, sql`lower(${t.firstName}) collate "C"`, t.id),
    index("users_email_sort_idx").on(sql`lower(${t.email}) collate "C"`, t.id),
    index("users_status_idx").on(t.status),
    index("users_level_idx").on(t.levelId),
    index("users_role_idx").on(t.role).where(sql`role <> 'customer'`),
    index("users_source_idx").on(t.source),
    index("users_smart_type_idx").on(t.smartTypeId),
    index("users_activity_idx")
      .on(sql`coalesce(${t.lastActiveAt}, ${t.createdAt})`)
      .where(sql`loginable`),
    index("users_search_trgm_idx").using(
      "gin",
      sql`(lower(${t.firstName} || ' ' || ${t.lastName} || ' ' || ${t.email} || ' ' || coalesce(${t.company}, '') || ' ' || coalesce(${t.phone}, ''))) gin_trgm_ops`,
    ),
  ],
);

export const customFieldType = pgEnum("custom_field_type", ["text", "number", "date", "select", "boolean"]);

export const customFieldDefinitions = pgTable("custom_field_definitions", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  key: text("key").notNull().unique(),
  label: text("label").notNull(),
  type: customFieldType("type").notNull(),
  required: boolean("required").notNull().default(false),
  options: jsonb("options").$type<string[]>().notNull().default([]),
  position: integer("position").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// Maintained by statement-level triggers (see the custom migration): U1 counts without scanning users.
export const userCounters = pgTable(
  "user_counters",
  {
    key: text("key").notNull(),
    day: timestamp("day", { withTimezone: false, mode: "string" }).notNull(),
    n: bigint("n", { mode: "number" }).notNull().default(0),
  },
  (t) => [uniqueIndex("user_counters_key_day_uq").on(t.key, t.day)],
);
