/** One changed field of an audited record. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ between an audit row's before and after, in a stable order (after's
 * keys first). A creation has only "after" values and a deletion only "before" values.
 */
export function diffRecords(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const out: FieldChange[] = [];
  for (const field of keys) {
    const b = before ? before[field] : undefined;
    const a = after ? after[field] : undefined;
    if (before && after && same(a, b)) continue;
    out.push({ field, before: b, after: a });
  }
  return out;
}

const MAX = 160;

/** A value as a person reads it: "—" for nothing, Yes/No, lists joined, long text shortened. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return value.toLocaleString("en-GB");
  let text: string;
  if (typeof value === "string") text = value;
  else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) text = value.map((v) => formatValue(v)).join(", ") || "—";
  else text = JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** "firstName" / "first_name" → "First name". */
export function fieldLabel(field: string): string {
  const words = field
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
