import { z } from "zod";

/** User fields a CSV column can fill; custom fields are `cf:<key>`. Email is required. */
export const IMPORT_FIELDS = [
  { key: "email", label: "Email" },
  { key: "firstName", label: "First name" },
  { key: "lastName", label: "Last name" },
  { key: "phone", label: "Phone" },
  { key: "company", label: "Company" },
  { key: "jobTitle", label: "Job title" },
  { key: "addressLine1", label: "Address line 1" },
  { key: "addressLine2", label: "Address line 2" },
  { key: "city", label: "City" },
  { key: "region", label: "Region" },
  { key: "postcode", label: "Postcode" },
  { key: "country", label: "Country" },
  { key: "status", label: "Status" },
  { key: "level", label: "Level (name)" },
  { key: "subscribed", label: "Subscribed (yes/no)" },
  { key: "prospectStage", label: "Prospect stage" },
] as const;
export type BuiltInImportField = (typeof IMPORT_FIELDS)[number]["key"];

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;

const BUILT_IN = IMPORT_FIELDS.map((f) => f.key) as [BuiltInImportField, ...BuiltInImportField[]];
export const ImportField = z.union([
  z.enum(BUILT_IN, { message: "is not a user field" }),
  z.string().regex(/^cf:[a-z][a-z0-9_]{0,63}$/, "is not a user field"),
]);
export type ImportField = z.infer<typeof ImportField>;

/** One entry per CSV column, in file order: the field it fills, or null to ignore the column. */
export const ImportMapping = z
  .array(ImportField.nullable())
  .max(500)
  .refine((m) => {
    const used = m.filter((f): f is ImportField => f !== null);
    return new Set(used).size === used.length;
  }, "maps two columns to the same field");
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportPreviewInput = z.object({
  csv: z.string().max(IMPORT_MAX_BYTES, "the file is larger than 20 MB; split it into smaller files"),
  /** Omit to have columns guessed from the header row. */
  mapping: ImportMapping.nullish(),
  fileName: z.string().trim().max(255).optional(),
});
export type ImportPreviewInput = z.infer<typeof ImportPreviewInput>;

export const ImportOutcome = z.enum(["create", "update", "unchanged", "error"]);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportTotals = z.object({
  create: z.number().int().min(0),
  update: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  error: z.number().int().min(0),
});
export type ImportTotals = z.infer<typeof ImportTotals>;

export const ImportRowReport = z.object({
  /** The spreadsheet row: the header is row 1, the first user row 2. */
  row: z.number(),
  email: z.string(),
  outcome: ImportOutcome,
  /** Why it is an error, or which fields change. */
  message: z.string(),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportReport = z.object({
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  totals: ImportTotals,
  rows: z.array(ImportRowReport),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportExecuteInput = ImportPreviewInput.extend({
  mapping: ImportMapping,
  /** The dry run's totals the admin confirmed; if the file's outcome differs now, nothing is applied. */
  expected: ImportTotals,
});
export type ImportExecuteInput = z.infer<typeof ImportExecuteInput>;

export const ImportResult = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), errors: z.number() });
export type ImportResult = z.infer<typeof ImportResult>;
