import type { Role } from "@/server/schemas/common";
import type { CustomFieldDefinition } from "@/server/schemas/settings";
import type { UserDetails, UserRecord } from "@/server/schemas/users";

/** Form state for UserDetails: every input holds text (or a flag), converted once on save. */
export interface DetailsValues {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  company: string;
  jobTitle: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postcode: string;
  country: string;
  levelId: string;
  role: Role;
  prospectStage: string;
  customFields: Record<string, string | boolean>;
}

export const TEXT_FIELDS = [
  "email",
  "firstName",
  "lastName",
  "phone",
  "company",
  "jobTitle",
  "addressLine1",
  "addressLine2",
  "city",
  "region",
  "postcode",
  "country",
] as const;

export const FIELD_LABELS: Record<string, string> = {
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone",
  company: "Company",
  jobTitle: "Job title",
  addressLine1: "Address line 1",
  addressLine2: "Address line 2",
  city: "Town / city",
  region: "County / region",
  postcode: "Postcode",
  country: "Country (2-letter code)",
  levelId: "Level",
  role: "Role",
  prospectStage: "Prospect stage",
  status: "Status",
  source: "Source",
};

function customValue(def: CustomFieldDefinition, v: unknown): string | boolean {
  if (def.type === "boolean") return v === true;
  return v === null || v === undefined ? "" : String(v);
}

export function emptyValues(defs: readonly CustomFieldDefinition[]): DetailsValues {
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, ""])) as Record<(typeof TEXT_FIELDS)[number], string>),
    levelId: "",
    role: "customer",
    prospectStage: "",
    customFields: Object.fromEntries(defs.map((d) => [d.key, customValue(d, undefined)])),
  };
}

export function valuesFromRecord(r: UserRecord, defs: readonly CustomFieldDefinition[]): DetailsValues {
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, r[f] ?? ""])) as Record<(typeof TEXT_FIELDS)[number], string>),
    levelId: r.levelId === null ? "" : String(r.levelId),
    role: r.role,
    prospectStage: r.prospectStage ?? "",
    customFields: Object.fromEntries(defs.map((d) => [d.key, customValue(d, r.customFields[d.key])])),
  };
}

type DetailsPatch = { [K in keyof UserDetails]?: unknown };

/** All details as the API takes them ("" becomes null; the schema trims and checks). */
export function toDetails(v: DetailsValues): DetailsPatch {
  return {
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, v[f]])),
    levelId: v.levelId ? Number(v.levelId) : null,
    role: v.role,
    prospectStage: v.prospectStage || null,
    customFields: v.customFields,
  };
}

/** Only what changed since `base`, so the timeline and any conflict name real edits. */
export function changedDetails(v: DetailsValues, base: DetailsValues): DetailsPatch {
  const all = toDetails(v);
  const before = toDetails(base);
  const patch: DetailsPatch = {};
  for (const key of Object.keys(all) as Array<keyof DetailsPatch>) {
    if (JSON.stringify(all[key]) !== JSON.stringify(before[key])) patch[key] = all[key];
  }
  return patch;
}

/**
 * tRPC error → messages per form field. Zod paths arrive as "patch.email"; service
 * validation as "email: is already used…", which reads better as "Email is already used…".
 */
export function fieldErrorsOf(err: unknown, defs: readonly CustomFieldDefinition[] = []): Record<string, string> {
  const labels: Record<string, string> = { ...FIELD_LABELS };
  for (const d of defs) labels[`customFields.${d.key}`] = d.label;
  const raw = (err as { data?: { fieldErrors?: Record<string, string> | null } } | null)?.data?.fieldErrors;
  if (!raw) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(raw)) {
    const field = path.replace(/^patch\./, "");
    const text = message.replace(/^[\w.]+:\s*/, "");
    out[field] = /^(is|must|has)\b/.test(text) ? `${labels[field] ?? "This field"} ${text}` : text;
  }
  return out;
}

/**
 * After a conflict: their saved version with only the fields this editor changed laid on
 * top, so keeping one's edits never reverts someone else's other changes.
 */
export function mergeEdits(theirs: DetailsValues, base: DetailsValues, mine: DetailsValues): DetailsValues {
  const out: DetailsValues = { ...theirs, customFields: { ...theirs.customFields } };
  for (const key of Object.keys(mine) as Array<keyof DetailsValues>) {
    if (key !== "customFields" && mine[key] !== base[key]) (out as unknown as Record<string, unknown>)[key] = mine[key];
  }
  for (const [key, v] of Object.entries(mine.customFields)) {
    if (v !== base.customFields[key]) out.customFields[key] = v;
  }
  return out;
}
