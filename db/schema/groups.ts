import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { categories, products } from "./commerce";
import { users } from "./users";

export const groups = pgTable(
  "groups",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    taxExempt: boolean("tax_exempt").notNull().default(false),
    // Kept by a statement-level trigger on group_members: the list never counts 2M memberships.
    memberCount: bigint("member_count", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("groups_name_lower_uq").on(sql`lower(${t.name})`)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // (group_id, user_id) answers the list's EXISTS filter; (user_id, group_id) a user's groups.
    primaryKey({ name: "group_members_pk", columns: [t.groupId, t.userId] }),
    index("group_members_user_idx").on(t.userId, t.groupId),
  ],
);

export const smartTypes = pgTable(
  "smart_types",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** 1 is the highest priority; a user gets the first type whose groups contain them. */
    position: integer("position").notNull(),
    /** Users whose users.smart_type_id is this type; kept by the same statements that set it. */
    userCount: bigint("user_count", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("smart_types_name_lower_uq").on(sql`lower(${t.name})`), index("smart_types_position_idx").on(t.position)],
);

export const smartTypeGroups = pgTable(
  "smart_type_groups",
  {
    smartTypeId: integer("smart_type_id")
      .notNull()
      .references(() => smartTypes.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ name: "smart_type_groups_pk", columns: [t.smartTypeId, t.groupId] }),
    index("smart_type_groups_group_idx").on(t.groupId),
  ],
);

export const priceBreakKind = pgEnum("price_break_kind", ["fixed", "percent"]);

/** G3: from `minQuantity` units of a product (or any product of a category), a fixed unit price or % off. */
export const groupPriceBreaks = pgTable(
  "group_price_breaks",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    productId: integer("product_id").references(() => products.id, { onDelete: "cascade" }),
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "cascade" }),
    minQuantity: integer("min_quantity").notNull(),
    kind: priceBreakKind("kind").notNull(),
    unitPriceCents: bigint("unit_price_cents", { mode: "number" }),
    /** Hundredths of a percent (1250 = 12.5 %), so money maths stays in integers. */
    percentOffBps: integer("percent_off_bps"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("group_price_breaks_group_idx").on(t.groupId),
    index("group_price_breaks_product_idx").on(t.productId),
    index("group_price_breaks_category_idx").on(t.categoryId),
    uniqueIndex("group_price_breaks_target_qty_uq").on(
      t.groupId,
      sql`coalesce(${t.productId}, 0)`,
      sql`coalesce(${t.categoryId}, 0)`,
      t.minQuantity,
    ),
    check("group_price_breaks_one_target", sql`(${t.productId} IS NULL) <> (${t.categoryId} IS NULL)`),
    check(
      "group_price_breaks_value",
      sql`(${t.kind} = 'fixed' AND ${t.unitPriceCents} >= 0 AND ${t.percentOffBps} IS NULL) OR (${t.kind} = 'percent' AND ${t.percentOffBps} BETWEEN 1 AND 10000 AND ${t.unitPriceCents} IS NULL)`,
    ),
    check("group_price_breaks_min_qty", sql`${t.minQuantity} >= 1`),
  ],
);

/** G5: shown to members on /account while active, until each member dismisses it. */
export const groupMessages = pgTable(
  "group_messages",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("group_messages_group_idx").on(t.groupId, t.startsAt), index("group_messages_created_by_idx").on(t.createdBy)],
);

export const groupMessageDismissals = pgTable(
  "group_message_dismissals",
  {
    messageId: integer("message_id")
      .notNull()
      .references(() => groupMessages.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "group_message_dismissals_pk", columns: [t.messageId, t.userId] }),
    index("group_message_dismissals_user_idx").on(t.userId),
  ],
);
