import { boolean, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// One row (id = 1). Read on most requests, so it stays narrow.
export const settings = pgTable("settings", {
  id: integer("id").primaryKey().default(1),
  currency: text("currency").notNull().default("GBP"),
  doubleOptIn: boolean("double_opt_in").notNull().default(false),
  passwordExpiryMonths: integer("password_expiry_months").notNull().default(15),
  inviteExpiryDays: integer("invite_expiry_days").notNull().default(14),
  emailFromName: text("email_from_name").notNull().default("User Manager"),
  emailFromAddress: text("email_from_address").notNull().default("no-reply@example.com"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
