/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL byte anywhere in a request would fail the
 * query with a 500. Requests are checked once at the edge (tRPC middleware, REST handlers) instead.
 */
export function findNulPath(value: unknown, path: (string | number)[] = [], seen = new Set<object>()): string | null {
  const here = () => path.join(".") || "(input)";
  if (typeof value === "string") return value.includes("\u0000") ? here() : null;
  if (typeof value !== "object" || value === null || seen.has(value)) return null;
  seen.add(value);
  if (Array.isArray(value) || value instanceof Set) {
    let i = 0;
    for (const item of value) {
      const found = findNulPath(item, [...path, i++], seen);
      if (found !== null) return found;
    }
    return null;
  }
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [key, item] of entries) {
    const name = String(key);
    if (name.includes("\u0000")) return [...path, name.replace(/\u0000/g, "\\u0000")].join(".");
    const found = findNulPath(item, [...path, name], seen);
    if (found !== null) return found;
  }
  return null;
}

export const NUL_MESSAGE = "must not contain NUL (\\u0000) characters";

/** SQLSTATE of a driver error, looked for through drizzle's wrapping causes. */
export function sqlState(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "string") {
      const code = (e as { code: string }).code;
      if (/^[0-9A-Z]{5}$/.test(code)) return code;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Data exceptions caused by a value the client sent (an id past the int4 range, a character the
 * encoding refuses): bad input, never a server fault. 22003 numeric_value_out_of_range,
 * 22021 character_not_in_repertoire, 22P05 untranslatable_character.
 */
export function isBadValueError(err: unknown): boolean {
  const state = sqlState(err);
  return state === "22003" || state === "22021" || state === "22P05";
}

export const BAD_VALUE_MESSAGE = "A value in the request is out of range or holds characters that cannot be stored.";
