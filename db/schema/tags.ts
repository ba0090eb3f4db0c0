import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

export const tags = pgTable(
  "tags",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    /** A palette key (see TAG_COLOURS in server/schemas/tags.ts), so every tag keeps readable contrast. */
    colour: text("colour").notNull().default("slate"),
    // Kept by a statement-level trigger on user_tags.
    userCount: bigint("user_count", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tags_name_lower_uq").on(sql`lower(${t.name})`)],
);

export const userTags = pgTable(
  "user_tags",
  {
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "user_tags_pk", columns: [t.tagId, t.userId] }), index("user_tags_user_idx").on(t.userId, t.tagId)],
);
