/**
 * Text PostgreSQL cannot store: U+0000 in text and jsonb, and lone UTF-16 surrogates (jsonb refuses
 * their \uD800 escapes). A request holding either would fail its query with a 500, so requests are
 * checked once at the edge (tRPC middleware, REST handlers), naming the field.
 */
export function findUnstorableText(value: unknown): { path: string; message: string } | null {
  return walk(value, [], new Set());
}

export const NUL_MESSAGE = "must not contain NUL (\\u0000) characters";
export const SURROGATE_MESSAGE = "must be valid Unicode text (it holds a lone surrogate)";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problem(text: string): string | null {
  if (text.includes("\u0000")) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return null;
}

function walk(value: unknown, path: string[], seen: Set<object>): { path: string; message: string } | null {
  if (typeof value === "string") {
    const message = problem(value);
    return message ? { path: path.join(".") || "(input)", message } : null;
  }
  if (typeof value !== "object" || value === null || seen.has(value)) return null;
  seen.add(value);
  const entries: [unknown, unknown][] =
    Array.isArray(value) || value instanceof Set
      ? [...value].map((v, i) => [i, v])
      : value instanceof Map
        ? [...value.entries()]
        : Object.entries(value);
  for (const [key, item] of entries) {
    const name = typeof key === "string" ? key : String(key);
    const keyProblem = typeof key === "string" ? problem(key) : null;
    if (keyProblem) return { path: [...path, JSON.stringify(name).slice(1, -1)].join("."), message: keyProblem };
    const found = walk(item, [...path, name], seen);
    if (found) return found;
  }
  return null;
}

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
