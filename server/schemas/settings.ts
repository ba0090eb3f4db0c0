import { z } from "zod";

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
  passwordExpiryMonths: z.number().int().min(1).max(120),
  inviteExpiryDays: z.number().int().min(1).max(365),
  emailFromName: z.string().trim().min(1).max(100),
  emailFromAddress: z.string().trim().toLowerCase().email(),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

/** What `settings.get` returns: readable by all staff (the UI needs levels, fields, currency). */
export const SettingsView = SiteSettings.extend({
  levels: z.array(CustomerLevel),
  customFields: z.array(CustomFieldDefinition),
});
export type SettingsView = z.infer<typeof SettingsView>;
