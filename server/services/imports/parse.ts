import Papa from "papaparse";
import { Email } from "@/server/schemas/common";
import { IMPORT_FIELDS, IMPORT_MAX_ROWS, type ImportField, type ImportMapping } from "@/server/schemas/imports";
import type { CustomFieldDefinition } from "@/server/schemas/settings";
import { PROSPECT_STAGES, USER_STATUSES } from "@/server/schemas/users";
import { ValidationError } from "../core/errors";

/** The file split into a header and rows (strings), or a ValidationError on field `csv`. */
export interface ParsedCsv {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/**
 * Parses with papaparse (RFC 4180 quoting, embedded newlines, `;` or tab delimiters as Excel
 * writes them in some locales). A file that is not UTF-8 text or has broken quoting is refused whole.
 */
export function parseCsv(text: string): ParsedCsv {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw new ValidationError("csv", "the file is empty");
  // U+FFFD is what a browser's decoder leaves where bytes were not UTF-8; NUL means a binary file.
  if (body.includes("\uFFFD") || body.includes("\u0000")) {
    throw new ValidationError("csv", "the file is not UTF-8 text; save it as \"CSV UTF-8\" and try again");
  }
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t"] });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken) {
    const where = broken.row !== undefined ? `row ${broken.row + 1}: ` : "";
    throw new ValidationError("csv", `the file is not valid CSV (${where}${broken.message.toLowerCase()})`);
  }
  const [headerRow, ...dataRows] = parsed.data;
  const headers = (headerRow ?? []).map((h) => h.trim());
  if (dataRows.length === 0) throw new ValidationError("csv", "the file has a header row but no users");
  if (dataRows.length > IMPORT_MAX_ROWS) {
    throw new ValidationError("csv", `the file has ${dataRows.length.toLocaleString("en")} rows; the limit is ${IMPORT_MAX_ROWS.toLocaleString("en")}, split it into smaller files`);
  }
  return { headers, rows: dataRows.map((cells, i) => ({ row: i + 2, cells })) };
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

const SYNONYMS: Record<string, string[]> = {
  email: ["email", "emailaddress", "mail"],
  firstName: ["firstname", "first", "givenname", "forename"],
  lastName: ["lastname", "last", "surname", "familyname"],
  phone: ["phone", "telephone", "tel", "mobile", "phonenumber"],
  company: ["company", "organisation", "organization", "companyname"],
  jobTitle: ["jobtitle", "title", "position"],
  addressLine1: ["addressline1", "address1", "address", "street"],
  addressLine2: ["addressline2", "address2"],
  city: ["city", "town"],
  region: ["region", "state", "county", "province"],
  postcode: ["postcode", "zip", "zipcode", "postalcode"],
  country: ["country", "countrycode"],
  status: ["status"],
  level: ["level", "levelname", "customerlevel"],
  subscribed: ["subscribed", "newsletter", "subscriber"],
  prospectStage: ["prospectstage", "stage"],
};

/** A field per column from the header names (the export's own headers map back exactly). */
export function guessMapping(headers: readonly string[], fields: readonly CustomFieldDefinition[]): ImportMapping {
  const used = new Set<string>();
  return headers.map((h) => {
    const n = norm(h);
    const builtIn = Object.entries(SYNONYMS).find(([, names]) => names.includes(n))?.[0];
    const custom = fields.find((f) => norm(f.key) === n || norm(f.label) === n);
    const field = builtIn ?? (custom ? `cf:${custom.key}` : null);
    if (!field || used.has(field)) return null;
    used.add(field);
    return field as ImportField;
  });
}

export function checkMapping(mapping: ImportMapping, headers: readonly string[], fields: readonly CustomFieldDefinition[]): void {
  if (mapping.length !== headers.length) {
    throw new ValidationError("mapping", `has ${mapping.length} entries but the file has ${headers.length} columns`);
  }
  if (!mapping.includes("email")) throw new ValidationError("mapping", "map one column to Email: it identifies each user");
  const keys = new Set(fields.map((f) => f.key));
  for (const f of mapping) {
    if (f?.startsWith("cf:") && !keys.has(f.slice(3))) throw new ValidationError("mapping", `"${f.slice(3)}" is not a custom field`);
  }
}

/** Values one row supplies; a field absent here was empty in the file (and an update leaves it as it is). */
export interface RowValues {
  email: string;
  text: Partial<Record<TextField, string>>;
  status?: (typeof USER_STATUSES)[number];
  levelName?: string;
  subscribed?: boolean;
  prospectStage?: (typeof PROSPECT_STAGES)[number];
  customFields: Record<string, string>;
}

export const TEXT_LIMITS = {
  firstName: 100,
  lastName: 100,
  phone: 40,
  company: 200,
  jobTitle: 200,
  addressLine1: 200,
  addressLine2: 200,
  city: 100,
  region: 100,
  postcode: 20,
  country: 2,
} as const;
export type TextField = keyof typeof TEXT_LIMITS;

const LABELS = new Map<string, string>(IMPORT_FIELDS.map((f) => [f.key, f.label.replace(/ \(.*\)$/, "").toLowerCase()]));
const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

/** Undoes the export's formula neutralisation ('=…), so a file exported here imports back unchanged. */
function cell(raw: string | undefined): string {
  const v = (raw ?? "").trim();
  return v.length > 1 && v[0] === "'" && "=+-@".includes(v[1] ?? "") ? v.slice(1) : v;
}

/** Checks one row's cells against the mapping; returns its values or the reasons it is refused. */
export function readRow(cells: readonly string[], mapping: ImportMapping): { values: RowValues } | { errors: string[] } {
  if (cells.length !== mapping.length) {
    return { errors: [`has ${cells.length} values but the header has ${mapping.length} columns`] };
  }
  const errors: string[] = [];
  const values: RowValues = { email: "", text: {}, customFields: {} };
  mapping.forEach((field, i) => {
    if (!field) return;
    const v = cell(cells[i]);
    if (field === "email") {
      const parsed = Email.safeParse(v);
      if (!v) errors.push("email: is missing");
      else if (!parsed.success) errors.push(`email: "${v.slice(0, 80)}" is not a valid address`);
      else values.email = parsed.data;
      return;
    }
    if (v === "") return;
    if (field.startsWith("cf:")) {
      values.customFields[field.slice(3)] = v;
    } else if (field in TEXT_LIMITS) {
      const key = field as TextField;
      if (key === "country" && !/^[A-Za-z]{2}$/.test(v)) errors.push("country: must be a 2-letter code such as GB or US");
      else if (v.length > TEXT_LIMITS[key]) errors.push(`${LABELS.get(key)}: must be at most ${TEXT_LIMITS[key]} characters`);
      else values.text[key] = key === "country" ? v.toUpperCase() : v;
    } else if (field === "status") {
      const s = USER_STATUSES.find((x) => x === v.toLowerCase());
      if (s) values.status = s;
      else errors.push(`status: "${v}" is not one of ${USER_STATUSES.join(", ")}`);
    } else if (field === "prospectStage") {
      const s = PROSPECT_STAGES.find((x) => x === v.toLowerCase());
      if (s) values.prospectStage = s;
      else errors.push(`prospect stage: "${v}" is not one of ${PROSPECT_STAGES.join(", ")}`);
    } else if (field === "subscribed") {
      const l = v.toLowerCase();
      if (YES.has(l) || NO.has(l)) values.subscribed = YES.has(l);
      else errors.push(`subscribed: "${v}" must be yes or no`);
    } else if (field === "level") {
      values.levelName = v;
    }
  });
  return errors.length ? { errors } : { values };
}
