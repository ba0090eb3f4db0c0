import fc from "fast-check";
import { afterEach, describe, expect } from "vitest";
import type { Database } from "@/db/client";
import { setRestDatabase } from "@/server/api/rest";
import { setRouteContextResolver } from "@/server/api/route-context";
import { sqlState } from "@/server/api/input-guards";
import { PricingInput } from "@/server/schemas/pricing";
import { IngestCustomer, OrderIngest, ProspectStageIngest, QuoteIngest } from "@/server/schemas/sales";
import { UsersExportInput } from "@/server/schemas/exports";
import { POST as postCustomer } from "@/app/api/v1/customers/route";
import { POST as postOrder } from "@/app/api/v1/orders/route";
import { POST as postPricing } from "@/app/api/v1/pricing/route";
import { POST as postProspectStage } from "@/app/api/v1/prospects/stage/route";
import { POST as postQuote } from "@/app/api/v1/quotes/route";
import { POST as postExport } from "@/app/api/export/users/route";
import { test } from "../helpers/db";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";
import { everyNumberLeaf, everyStringLeaf, hostileWhole, plausible, shapedArbitrary } from "../helpers/hostile";
import { actorFor, callerFor, fingerprint, inSavepoint, outcome, writeCount } from "../helpers/procedures";

const RUNS_PER_ROUTE = 25;
const SEED = Number(process.env.FC_SEED ?? 20261125);

afterEach(() => {
  setRestDatabase(null);
  setRouteContextResolver(null);
});

const ROUTES = [
  { path: "/api/v1/customers", handler: postCustomer, schema: IngestCustomer },
  { path: "/api/v1/orders", handler: postOrder, schema: OrderIngest },
  { path: "/api/v1/pricing", handler: postPricing, schema: PricingInput },
  { path: "/api/v1/prospects/stage", handler: postProspectStage, schema: ProspectStageIngest },
  { path: "/api/v1/quotes", handler: postQuote, schema: QuoteIngest },
] as const;

/** A JSON body: JSON.stringify of a generated value, or raw text that is not JSON at all. */
const rawBodies = fc.constantFrom(
  "",
  "{",
  "[1,2",
  '{"email": "a@b.test",}',
  "null",
  "\u0000",
  '{"email": "\\u0000"}',
  '{"email": "\\ud800"}',
  "\uFEFF{}",
  "\xff\xfe{\x00}",
  '{"__proto__": {"admin": true}}',
  "1e99999",
  "[" + "[".repeat(5000) + "]".repeat(5000) + "]",
);

function bodyFor(schema: unknown, ids: number[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: shapedArbitrary(schema, ids).map((v) => safeStringify(v)) },
    { weight: 1, arbitrary: hostileWhole.map((v) => safeStringify(v)) },
    { weight: 1, arbitrary: rawBodies },
  );
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)) ?? "";
  } catch {
    return String(v);
  }
}

/** A key's first use stamps last_used_at (then at most once a minute): done before the baseline is taken. */
async function warmKey(db: Database, secret: string) {
  setRestDatabase(db);
  expect((await send(postCustomer, "/api/v1/customers", "{", secret)).status).toBe(400);
}

interface Answer {
  status: number;
  type: string | null;
  json: { error?: { code: string; message: string; fields?: { path: string; message: string }[] } } | null;
}

async function send(handler: (r: Request) => Promise<Response>, path: string, body: string, secret: string): Promise<Answer> {
  const res = await handler(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body,
    }),
  );
  const type = res.headers.get("content-type");
  const text = await res.text();
  let json: Answer["json"] = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, type, json };
}

/** Runs one request in a rolled-back savepoint; refused requests must have kept no write. */
async function probe(db: Database, route: (typeof ROUTES)[number], body: string, secret: string, baseline: Record<string, string>) {
  const { answer, kept } = await inSavepoint(db, async (tx) => {
    setRestDatabase(tx);
    const before = await writeCount(tx);
    const answer = await send(route.handler, route.path, body, secret);
    if (answer.status < 400) return { answer, kept: null };
    const wrote = await writeCount(tx).then(
      (n) => n !== before,
      (err: unknown) => {
        if (sqlState(err) !== "25P02") throw err;
        return false;
      },
    );
    return { answer, kept: wrote ? await fingerprint(tx) : null };
  });
  const label = `${route.path} ${body.slice(0, 200)}`;
  expect(answer.status, `${label} → ${JSON.stringify(answer.json)?.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.type, label).toMatch(/application\/json/);
  expect(answer.json, label).not.toBeNull();
  if (answer.status === 400 && answer.json?.error?.code === "invalid_request") {
    expect(answer.json.error.fields?.length, label).toBeGreaterThan(0);
    for (const f of answer.json.error.fields ?? []) expect(typeof f.path, label).toBe("string");
  }
  if (kept) expect(kept, `${label} refused but kept a write`).toEqual(baseline);
}

describe("ingest API under hostile bodies", () => {
  for (const route of ROUTES) {
    test(`${route.path}: random and malformed bodies get 2xx or a JSON 4xx with field paths, never 500`, async ({ db }) => {
      const { secret } = await callerFor(db, await actorFor(db, "owner")).apiKeys.create({ name: "Storefront" });
      const customer = await createUser(db, { email: "known@example.test" });
      const ids = [customer.id, 1];
      await warmKey(db, secret);
      const baseline = await fingerprint(db);
      const base = plausible(route.schema, customer.id);
      const examples = [
        JSON.stringify(everyStringLeaf(base, "a\u0000b")),
        JSON.stringify(everyStringLeaf(base, "x".repeat(100_000))),
        JSON.stringify(everyStringLeaf(base, "\u202E😀 مرحبا \uD800")),
        JSON.stringify(everyStringLeaf(base, "<img src=x onerror=alert(1)>'; DROP TABLE users; --")),
        JSON.stringify(everyNumberLeaf(base, 1e308)),
        JSON.stringify(everyNumberLeaf(base, -1)),
        JSON.stringify(everyNumberLeaf(base, 2 ** 31)),
        JSON.stringify(everyStringLeaf(base, "275760-09-13T00:00:00.000Z")),
        JSON.stringify(everyStringLeaf(base, "-271821-04-20T00:00:00.000Z")),
      ];
      await fc.assert(
        fc.asyncProperty(bodyFor(route.schema, ids), (body) => probe(db, route, body, secret, baseline)),
        { numRuns: RUNS_PER_ROUTE + examples.length, seed: SEED, examples: examples.map((e) => [e]), endOnFailure: true },
      );
    });
  }

  test("a NUL byte is a 400 that names the field; a 50 MB body is a clean 400", async ({ db }) => {
    const { secret } = await callerFor(db, await actorFor(db, "owner")).apiKeys.create({ name: "Storefront" });
    await warmKey(db, secret);
    const before = await fingerprint(db);
    const nul = await send(postCustomer, "/api/v1/customers", JSON.stringify({ email: "a@example.test", firstName: "A\u0000" }), secret);
    expect(nul.status).toBe(400);
    expect(nul.json?.error?.fields).toEqual([{ path: "firstName", message: expect.stringMatching(/NUL/) }]);
    const huge = JSON.stringify({ email: "big@example.test", firstName: "x".repeat(50 * 1024 * 1024) });
    const big = await send(postCustomer, "/api/v1/customers", huge, secret);
    expect(big.status).toBe(400);
    expect(big.json?.error?.fields?.[0]?.path).toBe("firstName");
    expect(await fingerprint(db)).toEqual(before);
  });
});

describe("users export under hostile bodies", () => {
  test("an admin's random export bodies get a CSV or a JSON 4xx, never 500", async ({ db }) => {
    const admin = await actorFor(db, "admin");
    const customer = await createUser(db);
    await fc.assert(
      fc.asyncProperty(bodyFor(UsersExportInput, [customer.id, 1]), async (body) => {
        const res = await inSavepoint(db, async (tx) => {
          setRouteContextResolver(async () => ({ db: tx, ip: "127.0.0.1", session: admin.session }));
          const res = await postExport(
            new Request("http://localhost/api/export/users", { method: "POST", headers: { "content-type": "application/json" }, body }),
          );
          await res.arrayBuffer(); // drain the stream inside the savepoint
          return res;
        });
        expect(res.status, body.slice(0, 200)).toBeLessThan(500);
      }),
      {
        numRuns: RUNS_PER_ROUTE + 4,
        seed: SEED,
        examples: [
          [JSON.stringify({ filter: { q: "a\u0000b" }, columns: ["email"] })],
          [JSON.stringify({ filter: { q: "\uD800" }, columns: ["email"] })],
          [JSON.stringify({ filter: { q: "x".repeat(100_000) }, columns: ["email"] })],
          [JSON.stringify({ ids: [2 ** 31, 1e308], columns: ["email"] })],
        ],
        endOnFailure: true,
      },
    );
  });
});

describe("subscriber imports (pasted lists uploaded in chunks)", () => {
  test("broken quoting, wrong encoding and a 50 MB upload are clean 4xx or per-line rejections, never 500", async ({ db }) => {
    const { caller } = { caller: callerFor(db, await actorFor(db, "admin")) };
    const { id } = await caller.subscribers.imports.create({ action: "subscribe" });
    const before = await fingerprint(db);
    const huge = Array.from({ length: 50 }, () => "x".repeat(1024 * 1024));
    await expectTRPCError(caller.subscribers.imports.upload({ id, startLine: 1, lines: huge }), "BAD_REQUEST");
    const tooMany = Array.from({ length: 50_000 }, (_, i) => `user${i}@example.test`);
    await expectTRPCError(caller.subscribers.imports.upload({ id, startLine: 1, lines: tooMany }), "BAD_REQUEST");
    await expectTRPCError(caller.subscribers.imports.upload({ id, startLine: 1, lines: ["ok@example.test", "nul\u0000@example.test"] }), "BAD_REQUEST");
    expect(await fingerprint(db)).toEqual(before);

    const broken = [
      '"unterminated@example.test',
      '"a""b"@example.test',
      "a@example.test,b@example.test",
      "Ã©lise@exÃ¤mple.test",
      "\uFFFD\uFFFD@example.test",
      "\uFEFFbom@example.test",
      "=HYPERLINK(\"http://x\")@example.test",
      "<img src=x onerror=alert(1)>@example.test",
      "   ",
      "valid@example.test",
    ];
    await caller.subscribers.imports.upload({ id, startLine: 1, lines: broken });
    const summary = await caller.subscribers.imports.check({ id });
    expect(summary).toBeTruthy();
    const lines = await caller.subscribers.imports.lines({ id, limit: 50 } as never).catch((e: unknown) => e);
    expect(lines).not.toBeInstanceOf(Error);
  });
});

describe("users CSV import (imports.preview / imports.execute)", () => {
  const cell = fc.oneof(
    fc.constantFrom('"', '""', '"a,b"', "a\nb", "\r\n", "=1+1", "<img src=x onerror=alert(1)>", "é", "Ã©", "\uFFFD", "😀", "'; DROP TABLE users; --", ""),
    fc.emailAddress(),
    fc.string({ maxLength: 20 }),
  );
  const csvText = fc
    .tuple(
      fc.constantFrom("email,firstName,lastName", "Email,First name", "\uFEFFemail;firstName", "", "email"),
      fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 8 }),
      fc.constantFrom(",", ";", "\t"),
      fc.constantFrom("\n", "\r\n", "\r"),
    )
    .map(([header, rows, sep, eol]) => [header, ...rows.map((r) => r.join(sep))].join(eol));

  test("random CSV text: a report or a 4xx, never 500, and the dry run writes nothing", async ({ db }) => {
    const admin = await actorFor(db, "admin");
    await createUser(db, { email: "known@example.test" });
    const before = await fingerprint(db);
    await fc.assert(
      fc.asyncProperty(csvText, async (csv) => {
        const got = await outcome(() => callerFor(db, admin).imports.preview({ csv }));
        if (!got.ok) expect(got.status, `${got.code}: ${got.message}`).toBeLessThan(500);
      }),
      { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
    );
    expect(await fingerprint(db)).toEqual(before);
  });

  test("broken quoting, wrong encodings and a 50 MB file are clean 4xx or per-row errors", async ({ db }) => {
    const admin = callerFor(db, await actorFor(db, "admin"));
    const before = await fingerprint(db);
    // Unterminated quote: papaparse reports it; the file is refused or its rows are errors, never a 500.
    const broken = await outcome(() => admin.imports.preview({ csv: 'email,firstName\n"a@example.test,Ann\nb@example.test,Bob\n' }));
    expect(broken.ok || broken.status < 500).toBe(true);
    // Latin-1 bytes read as UTF-8 become U+FFFD: stored as text, or refused, never a 500.
    const latin1 = new TextDecoder("utf-8").decode(new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x40, 0x78, 0x2e, 0x74, 0x65, 0x73, 0x74]));
    const mojibake = await outcome(() => admin.imports.preview({ csv: latin1 }));
    expect(mojibake.ok || mojibake.status < 500).toBe(true);
    // UTF-16 read as UTF-8 is full of NULs: refused at the edge, naming the field.
    const utf16 = Buffer.from("\uFEFFemail\nx@example.test\n", "utf16le").toString("latin1");
    const nul = await outcome(() => admin.imports.preview({ csv: utf16 }));
    expect(nul).toMatchObject({ ok: false, code: "BAD_REQUEST", message: expect.stringMatching(/^csv: /) });
    // 50 MB: over the 20 MB limit, refused before parsing.
    const huge = "email\n" + "x".repeat(50 * 1024 * 1024);
    const big = await outcome(() => admin.imports.preview({ csv: huge }));
    expect(big).toMatchObject({ ok: false, code: "BAD_REQUEST", message: expect.stringMatching(/20 MB/) });
    const bigExecute = await outcome(() =>
      admin.imports.execute({ csv: huge, mapping: ["email"], expected: { create: 1, update: 0, unchanged: 0, error: 0 } }),
    );
    expect(bigExecute).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    // Executing a broken file with made-up totals is refused as a whole.
    const mismatch = await outcome(() =>
      admin.imports.execute({ csv: 'email\n"unterminated@example.test\n', mapping: ["email"], expected: { create: 5, update: 0, unchanged: 0, error: 0 } }),
    );
    expect(mismatch).toMatchObject({ ok: false });
    expect((mismatch as { status: number }).status).toBeLessThan(500);
    expect(await fingerprint(db)).toEqual(before);
  });
});
