import { z } from "zod";
import { Id } from "./common";
import { UserListFilter } from "./users";

/** The built-in columns a user export can carry, in file order; custom fields are `cf:<key>`. */
export const EXPORT_COLUMNS = [
  { key: "id", label: "ID" },
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
  { key: "role", label: "Role" },
  { key: "status", label: "Status" },
  { key: "level", label: "Level" },
  { key: "source", label: "Source" },
  { key: "subscribed", label: "Subscribed" },
  { key: "active", label: "Active" },
  { key: "smartType", label: "Smart type" },
  { key: "prospectStage", label: "Prospect stage" },
  { key: "orderCount", label: "Orders" },
  { key: "totalSpend", label: "Total spend" },
  { key: "lastOrderAt", label: "Last order" },
  { key: "lastActiveAt", label: "Last active" },
  { key: "createdAt", label: "Created" },
  { key: "groups", label: "Groups" },
  { key: "tags", label: "Tags" },
] as const;

export type BuiltInExportColumn = (typeof EXPORT_COLUMNS)[number]["key"];
const BUILT_IN = EXPORT_COLUMNS.map((c) => c.key) as [BuiltInExportColumn, ...BuiltInExportColumn[]];

/** Columns preselected in the export dialog. */
export const DEFAULT_EXPORT_COLUMNS: readonly BuiltInExportColumn[] = [
  "id",
  "email",
  "firstName",
  "lastName",
  "company",
  "status",
  "level",
  "subscribed",
  "orderCount",
  "totalSpend",
  "createdAt",
];

export const ExportColumn = z.union([
  z.enum(BUILT_IN, { message: "is not an exportable column" }),
  z.string().regex(/^cf:[a-z][a-z0-9_]{0,63}$/, "is not an exportable column"),
]);
export type ExportColumn = z.infer<typeof ExportColumn>;

/** What to export: everything matching the list filter, or the rows picked in the bulk bar. */
export const UsersExportInput = z
  .object({
    filter: UserListFilter.optional(),
    ids: z.array(Id).min(1, "pick at least one user").max(10_000).optional(),
    columns: z
      .array(ExportColumn)
      .min(1, "choose at least one column")
      .max(EXPORT_COLUMNS.length + 100)
      .refine((cols) => new Set(cols).size === cols.length, "lists a column twice"),
  })
  .refine((v) => !(v.filter && v.ids), { message: "send either a filter or ids, not both", path: ["ids"] });
export type UsersExportInput = z.infer<typeof UsersExportInput>;

/** Response headers the download reads for its progress bar. */
export const EXPORT_ROWS_HEADER = "X-Export-Rows";
