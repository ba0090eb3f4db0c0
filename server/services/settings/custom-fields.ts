import { asc, eq, sql } from "drizzle-orm";
import { customFieldDefinitions } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import type { CustomFieldDefinition, CustomFieldUpdateInput } from "@/server/schemas/settings";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";

type CreateInput = Omit<CustomFieldDefinition, "id" | "position">;
type UpdateInput = Omit<CustomFieldUpdateInput, "id"> & { id: number };

const columns = {
  id: customFieldDefinitions.id,
  key: customFieldDefinitions.key,
  label: customFieldDefinitions.label,
  type: customFieldDefinitions.type,
  required: customFieldDefinitions.required,
  options: customFieldDefinitions.options,
  position: customFieldDefinitions.position,
};

export async function listCustomFields(db: Database): Promise<CustomFieldDefinition[]> {
  return db.select(columns).from(customFieldDefinitions).orderBy(asc(customFieldDefinitions.position), asc(customFieldDefinitions.id));
}

export async function createCustomField({ ctx, input }: { ctx: ActorContext; input: CreateInput }): Promise<CustomFieldDefinition> {
  return withTransaction(ctx, async (tx) => {
    const [taken] = await tx.db.select({ id: customFieldDefinitions.id }).from(customFieldDefinitions).where(eq(customFieldDefinitions.key, input.key));
    if (taken) throw new ValidationError("key", "another field already uses this key");
    const [row] = await tx.db
      .insert(customFieldDefinitions)
      .values({
        ...input,
        options: input.type === "select" ? input.options : [],
        position: sql`(SELECT coalesce(max(position), 0) + 1 FROM custom_field_definitions)`,
      })
      .returning(columns);
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, { action: "custom_field.create", targetType: "custom_field", targetId: row.id, after: row });
    return row;
  });
}

/** Label, required flag and select options may change; the key and type are fixed. */
export async function updateCustomField({ ctx, input }: { ctx: ActorContext; input: UpdateInput }): Promise<CustomFieldDefinition> {
  return withTransaction(ctx, async (tx) => {
    const [field] = await tx.db.select(columns).from(customFieldDefinitions).where(eq(customFieldDefinitions.id, input.id)).for("update");
    if (!field) throw new NotFoundError("That custom field no longer exists.");
    const patch: Partial<Pick<CustomFieldDefinition, "label" | "required" | "options">> = {};
    if (input.label !== undefined && input.label !== field.label) patch.label = input.label;
    if (input.required !== undefined && input.required !== field.required) patch.required = input.required;
    if (input.options !== undefined) {
      if (field.type !== "select") {
        if (input.options.length) throw new ValidationError("options", "only select fields have options");
      } else {
        if (input.options.length === 0) throw new ValidationError("options", "a select field needs at least one option");
        if (JSON.stringify(input.options) !== JSON.stringify(field.options)) patch.options = input.options;
      }
    }
    if (Object.keys(patch).length === 0) return field;
    await tx.db.update(customFieldDefinitions).set(patch).where(eq(customFieldDefinitions.id, field.id));
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, field[k as keyof typeof patch]]));
    await recordAudit(tx, { action: "custom_field.update", targetType: "custom_field", targetId: field.id, before: { key: field.key, ...before }, after: { key: field.key, ...patch } });
    return { ...field, ...patch };
  });
}

/** Deletes the definition and erases the values users held for it, so no orphaned data lingers. */
export async function deleteCustomField({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<{ valuesRemoved: number }> {
  return withTransaction(ctx, async (tx) => {
    const [field] = await tx.db.select(columns).from(customFieldDefinitions).where(eq(customFieldDefinitions.id, input.id)).for("update");
    if (!field) throw new NotFoundError("That custom field no longer exists.");
    const [result] = await queryRows<{ n: number }>(
      tx.db,
      sql`WITH changed AS (
            UPDATE users SET custom_fields = custom_fields - ${field.key}::text
            WHERE custom_fields ? ${field.key}::text
            RETURNING 1
          ) SELECT count(*)::int AS n FROM changed`,
    );
    await tx.db.delete(customFieldDefinitions).where(eq(customFieldDefinitions.id, field.id));
    const valuesRemoved = Number(result?.n ?? 0);
    await recordAudit(tx, { action: "custom_field.delete", targetType: "custom_field", targetId: field.id, before: { ...field, valuesStored: valuesRemoved }, after: null });
    return { valuesRemoved };
  });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_TEXT = 2000;

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** One value checked against its definition; returns the stored form or throws naming the field. */
function normaliseValue(def: CustomFieldDefinition, raw: unknown): unknown {
  const field = `customFields.${def.key}`;
  switch (def.type) {
    case "text": {
      if (typeof raw !== "string" && typeof raw !== "number") throw new ValidationError(field, "must be text");
      const text = String(raw).trim();
      if (text.length > MAX_TEXT) throw new ValidationError(field, `must be at most ${MAX_TEXT} characters`);
      return text;
    }
    case "number": {
      // Forms and CSV imports send numbers as text.
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n)) throw new ValidationError(field, "must be a number");
      return n;
    }
    case "date": {
      const text = raw instanceof Date && !Number.isNaN(raw.getTime()) ? raw.toISOString().slice(0, 10) : typeof raw === "string" ? raw.trim() : "";
      const m = DATE.exec(text);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (!m || !d || d.toISOString().slice(0, 10) !== text) throw new ValidationError(field, "must be a date as YYYY-MM-DD");
      return text;
    }
    case "select": {
      if (typeof raw !== "string" || !def.options.includes(raw.trim())) {
        throw new ValidationError(field, `must be one of: ${def.options.join(", ")}`);
      }
      return raw.trim();
    }
    case "boolean": {
      if (typeof raw === "boolean") return raw;
      if (raw === "true" || raw === "false") return raw === "true";
      throw new ValidationError(field, "must be true or false");
    }
  }
}

/**
 * Validates custom field values against their definitions and returns them normalised.
 * An empty value (null or "") of an optional field is left out of the result, so callers that
 * replace the stored object drop it. With `requireAll`, every required field must have a value.
 */
export async function validateCustomFieldValues(
  /** The database, or definitions already loaded (a CSV import checks 100,000 rows against one list). */
  db: Database | readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
  opts: { requireAll: boolean },
): Promise<Record<string, unknown>> {
  const defs = Array.isArray(db) ? (db as readonly CustomFieldDefinition[]) : await listCustomFields(db as Database);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) throw new ValidationError(`customFields.${key}`, "is not a defined field");
    if (isEmpty(raw)) {
      if (def.required) throw new ValidationError(`customFields.${key}`, "is required");
      continue;
    }
    out[key] = normaliseValue(def, raw);
  }
  if (opts.requireAll) {
    for (const def of defs) {
      if (def.required && !Object.hasOwn(out, def.key)) throw new ValidationError(`customFields.${def.key}`, "is required");
    }
  }
  return out;
}
