import { z } from "zod";
import { Id } from "./common";

export const CURRENCIES = ["GBP", "USD", "EUR", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "JPY"] as const;
export const Currency = z.enum(CURRENCIES);

export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "select", "boolean"] as const;
export const CustomFieldType = z.enum(CUSTOM_FIELD_TYPES);

export const CustomFieldDefinition = z.object({
  id: z.number(),
  key: z.string(),
  label: z.string(),
  type: CustomFieldType,
  required: z.boolean(),
  options: z.array(z.string()),
  position: z.number(),
});
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinition>;

export const CustomerLevel = z.object({ id: z.number(), name: z.string(), position: z.number() });
export type CustomerLevel = z.infer<typeof CustomerLevel>;

export const SiteSettings = z.object({
  currency: Currency,
  doubleOptIn: z.boolean(),
  passwordExpiryMonths: z
    .number({ message: "Enter a whole number of months" })
    .int("Enter a whole number of months")
    .min(1, "Enter 1 to 120 months")
    .max(120, "Enter 1 to 120 months"),
  inviteExpiryDays: z
    .number({ message: "Enter a whole number of days" })
    .int("Enter a whole number of days")
    .min(1, "Enter 1 to 365 days")
    .max(365, "Enter 1 to 365 days"),
  emailFromName: z.string().trim().min(1, "Enter a sender name").max(100, "Keep it under 100 characters"),
  emailFromAddress: z.string().trim().toLowerCase().email("Enter a valid email address"),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

/** What `settings.get` returns: readable by all staff (the UI needs levels, fields, currency). */
export const SettingsView = SiteSettings.extend({
  levels: z.array(CustomerLevel),
  customFields: z.array(CustomFieldDefinition),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** `settings.update`: any subset of the site settings; unchanged fields are left alone. */
export const SettingsUpdateInput = SiteSettings.partial();
export type SettingsUpdateInput = z.infer<typeof SettingsUpdateInput>;

const LevelName = z.string().trim().min(1, "Enter a level name").max(60, "Keep the name under 60 characters");
export const LevelCreateInput = z.object({ name: LevelName });
export const LevelRenameInput = z.object({ id: Id, name: LevelName });
/** The complete, newly ordered list of level ids (first = lowest position). */
export const LevelReorderInput = z.object({ ids: z.array(Id).min(1).max(200) });
export const LevelIdInput = z.object({ id: Id });
/** How many users hold a level: what the delete confirmation states. */
export const LevelUsage = z.object({ users: z.number() });
export const LevelDeleteResult = z.object({ usersCleared: z.number() });

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,62}$/;
const FieldLabel = z.string().trim().min(1, "Enter a label").max(100);
const FieldOptions = z
  .array(z.string().trim().min(1, "Options cannot be blank").max(100))
  .max(100, "Keep it to 100 options or fewer")
  .refine((o) => new Set(o.map((v) => v.toLowerCase())).size === o.length, "Options must be unique");

export const CustomFieldCreateInput = z
  .object({
    key: z
      .string()
      .trim()
      .regex(CUSTOM_FIELD_KEY, "Use lowercase letters, digits and underscores, starting with a letter (max 63)"),
    label: FieldLabel,
    type: CustomFieldType,
    required: z.boolean().default(false),
    options: FieldOptions.default([]),
  })
  .refine((f) => f.type !== "select" || f.options.length > 0, {
    path: ["options"],
    message: "A select field needs at least one option",
  })
  .transform((f) => ({ ...f, options: f.type === "select" ? f.options : [] }));
export type CustomFieldCreateInput = z.input<typeof CustomFieldCreateInput>;

/** The key and type are fixed once created: stored values depend on them. */
export const CustomFieldUpdateInput = z.object({
  id: Id,
  label: FieldLabel.optional(),
  required: z.boolean().optional(),
  options: FieldOptions.optional(),
});
export type CustomFieldUpdateInput = z.input<typeof CustomFieldUpdateInput>;
export const CustomFieldDeleteResult = z.object({ valuesRemoved: z.number() });
