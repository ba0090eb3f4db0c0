import { sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Database } from "@/db/client";
import type { ImportMapping, ImportReport, ImportRowReport, ImportTotals } from "@/server/schemas/imports";
import type { CustomFieldDefinition } from "@/server/schemas/settings";
import { USER_FIELD_LABELS } from "@/server/schemas/users";
import { ValidationError } from "../core/errors";
import { listCustomFields, validateCustomFieldValues } from "../settings/custom-fields";
import { levelNameMap } from "../users/list";
import { checkMapping, guessMapping, parseCsv, readRow, TEXT_LIMITS, type RowValues, type TextField } from "./parse";

/** Every column an import writes, camelCase as in the users table definition. */
export interface ImportedUser {
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  status: string;
  levelId: number | null;
  subscribed: boolean;
  prospectStage: string | null;
  customFields: Record<string, unknown>;
}

export interface PlannedCreate {
  row: number;
  values: ImportedUser;
}
export interface PlannedUpdate {
  row: number;
  id: number;
  version: number;
  values: ImportedUser;
  changes: { field: string; label: string; before: unknown; after: unknown }[];
}

export interface ImportPlan {
  report: ImportReport;
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
}

type Existing = ImportedUser & { id: number; version: number; role: string; anonymisedAt: Date | null };

/** The fields an import row can change, compared one by one to say what changed. */
const COMPARED = [
  "email", "firstName", "lastName", "phone", "company", "jobTitle", "addressLine1", "addressLine2",
  "city", "region", "postcode", "country", "status", "levelId", "subscribed", "prospectStage", "customFields",
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Existing users by lower-cased email, in one statement; inside the apply they are locked. */
async function loadExisting(db: Database, emails: string[], lock: boolean): Promise<Map<string, Existing>> {
  if (emails.length === 0) return new Map();
  const q = db
    .select({
      id: users.id,
      version: users.version,
      role: users.role,
      anonymisedAt: users.anonymisedAt,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      phone: users.phone,
      company: users.company,
      jobTitle: users.jobTitle,
      addressLine1: users.addressLine1,
      addressLine2: users.addressLine2,
      city: users.city,
      region: users.region,
      postcode: users.postcode,
      country: users.country,
      status: users.status,
      levelId: users.levelId,
      subscribed: users.subscribed,
      prospectStage: users.prospectStage,
      customFields: users.customFields,
    })
    .from(users)
    .where(sql`lower(${users.email}) IN (SELECT jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`);
  const rows = lock ? await q.for("update") : await q;
  return new Map(rows.map((r) => [r.email.toLowerCase(), r]));
}

function merge(base: ImportedUser, v: RowValues, levelId: number | null | undefined, customFields: Record<string, unknown>): ImportedUser {
  const out: ImportedUser = { ...base, email: v.email, customFields };
  for (const [k, val] of Object.entries(v.text) as [TextField, string][]) out[k] = val;
  if (v.status) out.status = v.status;
  if (levelId !== undefined) out.levelId = levelId;
  if (v.subscribed !== undefined) out.subscribed = v.subscribed;
  if (v.prospectStage) out.prospectStage = v.prospectStage;
  return out;
}

function blank(): ImportedUser {
  const empty = Object.fromEntries(Object.keys(TEXT_LIMITS).map((k) => [k, null])) as Record<TextField, null>;
  return { ...empty, email: "", firstName: "", lastName: "", status: "approved", levelId: null, subscribed: false, prospectStage: null, customFields: {} };
}

/**
 * The dry run: what the file would do, row by row. The apply calls this again inside its
 * transaction (with the users locked), so both see the same rules and the same data.
 */
export async function planImport(
  db: Database,
  input: { csv: string; mapping?: ImportMapping | null },
  opts: { lock: boolean },
): Promise<ImportPlan> {
  const parsed = parseCsv(input.csv);
  const [fields, levels] = await Promise.all([listCustomFields(db), levelNameMap(db)]);
  const mapping = input.mapping ?? guessMapping(parsed.headers, fields);
  if (!input.mapping && !mapping.includes("email")) {
    throw new ValidationError("csv", "no column is headed Email; map one to Email (it identifies each user)");
  }
  checkMapping(mapping, parsed.headers, fields);
  const levelByName = new Map([...levels].map(([id, name]) => [name.toLowerCase(), id]));

  const report: ImportRowReport[] = [];
  const good: { row: number; values: RowValues; levelId: number | undefined }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of parsed.rows) {
    const read = readRow(cells, mapping);
    const email = "values" in read ? read.values.email : (cells[mapping.indexOf("email")] ?? "").trim();
    const errors = "errors" in read ? [...read.errors] : [];
    let levelId: number | undefined;
    if ("values" in read) {
      const { values } = read;
      const earlier = firstRowOf.get(values.email);
      if (earlier !== undefined) errors.push(`email: duplicate of row ${earlier} in this file`);
      else firstRowOf.set(values.email, row);
      if (values.levelName !== undefined) {
        levelId = levelByName.get(values.levelName.toLowerCase());
        if (levelId === undefined) errors.push(`level: there is no customer level named "${values.levelName}"`);
      }
      if (errors.length === 0) good.push({ row, values, levelId });
    }
    report.push({ row, email, outcome: errors.length ? "error" : "unchanged", message: errors.join("; ") });
  }

  const existing = await loadExisting(db, good.map((g) => g.values.email), opts.lock);
  const byRow = new Map(report.map((r) => [r.row, r]));
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  for (const g of good) {
    const entry = byRow.get(g.row);
    if (!entry) continue;
    const fail = (message: string) => Object.assign(entry, { outcome: "error", message });
    const current = existing.get(g.values.email);
    if (current && current.role !== "customer") {
      fail("email: belongs to a staff account; change staff details on their own record");
      continue;
    }
    if (current?.anonymisedAt) {
      fail("email: that user was anonymised and can no longer be changed");
      continue;
    }
    const hasCustom = Object.keys(g.values.customFields).length > 0;
    let customFields: Record<string, unknown>;
    try {
      customFields = current
        ? hasCustom
          ? await validateCustomFieldValues(fields, { ...current.customFields, ...g.values.customFields }, { requireAll: true })
          : current.customFields
        : await validateCustomFieldValues(fields, g.values.customFields, { requireAll: true });
    } catch (err) {
      if (err instanceof ValidationError) {
        fail(customFieldMessage(err, fields));
        continue;
      }
      throw err;
    }
    if (!current) {
      creates.push({ row: g.row, values: merge(blank(), g.values, g.levelId, customFields) });
      Object.assign(entry, { outcome: "create", message: "new user" });
      continue;
    }
    const values = merge(current, g.values, g.levelId, customFields);
    values.email = current.email;
    const changes = (COMPARED as readonly string[] as (keyof ImportedUser)[])
      .filter((k) => !same(current[k], values[k]))
      .map((field) => ({ field, label: USER_FIELD_LABELS[field] ?? field, before: current[field], after: values[field] }));
    if (changes.length === 0) {
      Object.assign(entry, { outcome: "unchanged", message: "no changes" });
      continue;
    }
    updates.push({ row: g.row, id: current.id, version: current.version, values, changes });
    Object.assign(entry, { outcome: "update", message: `changes ${changes.map((c) => c.label).join(", ")}` });
  }

  const totals: ImportTotals = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of report) totals[r.outcome] += 1;
  return { report: { headers: parsed.headers, mapping, totals, rows: report }, creates, updates };
}

function customFieldMessage(err: ValidationError, fields: readonly CustomFieldDefinition[]): string {
  const key = err.field.replace(/^customFields\./, "");
  const label = fields.find((f) => f.key === key)?.label ?? key;
  return `${label}: ${err.message.replace(`${err.field}: `, "")}`;
}
