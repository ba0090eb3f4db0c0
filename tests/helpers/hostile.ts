import fc from "fast-check";

/** Strings that have broken servers before: NUL (PostgreSQL text rejects it), huge, RTL, emoji, SQL, HTML, lone surrogates. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "x@example.test\u0000",
  "x".repeat(100_000),
  "é".repeat(100_000),
  "\u202Eevil\u202C",
  "مرحبا بالعالم",
  "שלום",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "\uD800",
  "\uDFFF\uD800",
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  "\\'; SELECT pg_sleep(10); --",
  "%",
  "_%\\",
  "$1",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "=cmd|' /C calc'!A0",
  "\r\nX-Injected: 1",
  "../../etc/passwd",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e308",
  "0001-01-01",
  "9999-12-31T23:59:59Z",
  "275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "__proto__",
  "constructor",
];

export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
];

export const HOSTILE_DATES: readonly Date[] = [
  new Date(-8.64e15),
  new Date(8.64e15),
  new Date(NaN),
  new Date("0001-01-01T00:00:00Z"),
  new Date("9999-12-31T23:59:59Z"),
  new Date(0),
];

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, 10n ** 30n, -1n, [], {}, [null], { "": "" }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
);

/** Anything at all, the JSON-ish values superjson can carry included (dates, maps, sets, bigints, undefined). */
export const hostileWhole: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 12)), hostileScalar, { maxKeys: 4 }) },
);

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}
const defOf = (s: unknown) => (s as ZodLike | undefined)?._zod?.def;

/**
 * A plausible value for a zod schema whose leaves are often hostile: objects keep their keys,
 * enums and literals sometimes hold a valid option and ids sometimes a real row's id, so inputs
 * get past the first check and reach services and the database.
 */
export function shapedArbitrary(schema: unknown, ids: readonly number[], depth = 4): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (!def || depth <= 0) return hostileScalar;
  const leaf = (valid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: hostileScalar });
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return shapedArbitrary(def.innerType, ids, depth);
    case "pipe":
      return shapedArbitrary(def.in, ids, depth);
    case "lazy":
      return shapedArbitrary((def.getter as () => unknown)(), ids, depth - 1);
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      const entries = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, shapedArbitrary(v, ids, depth - 1)]));
      return fc.oneof(
        { weight: 5, arbitrary: fc.record(entries) },
        { weight: 2, arbitrary: fc.record(entries, { requiredKeys: [] }) },
        { weight: 1, arbitrary: hostileScalar },
      );
    }
    case "array":
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(shapedArbitrary(def.element, ids, depth - 1), { maxLength: 4 }) },
        { weight: 1, arbitrary: hostileScalar },
      );
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map((i) => shapedArbitrary(i, ids, depth - 1)));
    case "record":
      return fc.dictionary(
        fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 14)), fc.string({ maxLength: 10 })),
        shapedArbitrary(def.valueType, ids, depth - 1),
        { maxKeys: 3 },
      );
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((o) => shapedArbitrary(o, ids, depth - 1)));
    case "intersection":
      return fc.oneof(shapedArbitrary(def.left, ids, depth - 1), shapedArbitrary(def.right, ids, depth - 1));
    case "enum":
      return leaf(fc.constantFrom(...Object.values(def.entries as Record<string, string | number>)));
    case "literal":
      return leaf(fc.constantFrom(...(def.values as unknown[])));
    case "number":
    case "int":
      return leaf(fc.oneof(fc.constantFrom(...ids), fc.integer({ min: -5, max: 500 })));
    case "bigint":
      return leaf(fc.bigInt());
    case "boolean":
      return leaf(fc.boolean());
    case "date":
      return leaf(fc.date({ noInvalidDate: false }));
    case "string":
      return leaf(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.emailAddress(),
          fc.date({ noInvalidDate: true, min: new Date("1900-01-01"), max: new Date("2100-01-01") }).map((d) => d.toISOString()),
          fc.constantFrom("#ff0000", "https://push.example.test/x", "SKU-1", "2026-01-01"),
        ),
      );
    default:
      return hostileScalar;
  }
}

/** Sets every string leaf of a generated value to `s` (deterministic examples: NUL everywhere, 100k everywhere). */
export function everyStringLeaf(value: unknown, s: string): unknown {
  if (typeof value === "string") return s;
  if (Array.isArray(value)) return value.map((v) => everyStringLeaf(v, s));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, everyStringLeaf(v, s)]));
  }
  return value;
}

/** One deterministic, roughly valid value for a zod schema: the base that examples poison one way at a time. */
export function plausible(schema: unknown, id: number, depth = 5): unknown {
  const def = defOf(schema);
  if (!def || depth <= 0) return "x";
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return plausible(def.innerType, id, depth);
    case "pipe":
      return plausible(def.in, id, depth);
    case "lazy":
      return plausible((def.getter as () => unknown)(), id, depth - 1);
    case "object":
      return Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, plausible(v, id, depth - 1)]));
    case "array":
      return [plausible(def.element, id, depth - 1)];
    case "tuple":
      return (def.items as unknown[]).map((i) => plausible(i, id, depth - 1));
    case "record":
      return { key: plausible(def.valueType, id, depth - 1) };
    case "union":
      return plausible((def.options as unknown[])[0], id, depth - 1);
    case "intersection":
      return { ...(plausible(def.left, id, depth - 1) as object), ...(plausible(def.right, id, depth - 1) as object) };
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "number":
    case "int":
      return id;
    case "bigint":
      return BigInt(id);
    case "boolean":
      return true;
    case "date":
      return new Date();
    case "string":
      return "plain@example.test";
    default:
      return null;
  }
}

/** Sets every number leaf of a value to `n`. */
export function everyNumberLeaf(value: unknown, n: number): unknown {
  if (typeof value === "number") return n;
  if (Array.isArray(value)) return value.map((v) => everyNumberLeaf(v, n));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, everyNumberLeaf(v, n)]));
  }
  return value;
}

/** Replaces every leaf of a plain value (strings, numbers, dates, booleans) through `f`. */
export function mapLeaves(value: unknown, f: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, f));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, f)]));
  }
  return f(value);
}
