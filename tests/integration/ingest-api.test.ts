import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect } from "vitest";
import { apiKeys, orderLines, orders, quotes, timelineEvents, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { setRestDatabase } from "@/server/api/rest";
import { POST as postCustomer } from "@/app/api/v1/customers/route";
import { POST as postOrder } from "@/app/api/v1/orders/route";
import { POST as postProspectStage } from "@/app/api/v1/prospects/stage/route";
import { POST as postQuote } from "@/app/api/v1/quotes/route";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";
import { orderPayload } from "../helpers/sales";

afterEach(() => setRestDatabase(null));

async function withKey(db: Database) {
  setRestDatabase(db);
  const { caller } = await callerAs(db, "owner");
  const { secret, key } = await caller.apiKeys.create({ name: "Storefront" });
  return { secret, key, caller };
}

function request(body: unknown, secret?: string, raw?: string) {
  return new Request("http://localhost/api/v1/x", {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: raw ?? JSON.stringify(body),
  });
}

const count = async (db: Database, table: typeof orders | typeof quotes | typeof orderLines) =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n);

describe("ingest API keys", () => {
  test("only owners create, list and revoke keys; the secret is shown once and stored as its sha256", async ({ db }) => {
    const { secret, key, caller } = await withKey(db);
    expect(secret.startsWith(key.prefix)).toBe(true);
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored?.keyHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(await caller.apiKeys.list())).not.toContain(secret);
    for (const role of ["admin", "manager", "customer"] as const) {
      const { caller: other } = await callerAs(db, role);
      await expectTRPCError(other.apiKeys.list(), "FORBIDDEN");
      await expectTRPCError(other.apiKeys.create({ name: "x" }), "FORBIDDEN");
      await expectTRPCError(other.apiKeys.revoke({ id: key.id }), "FORBIDDEN");
    }
    expect((await db.select().from(apiKeys)).length).toBe(1);
  });

  test("a missing, wrong or revoked key gets 401 and writes nothing", async ({ db }) => {
    const { secret, key, caller } = await withKey(db);
    const body = orderPayload();
    for (const s of [undefined, "um_not-a-real-key", "garbage", secret.slice(0, -1) + "x"]) {
      const res = await postOrder(request(body, s));
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    await caller.apiKeys.revoke({ id: key.id });
    const revoked = await postOrder(request(body, secret));
    expect(revoked.status).toBe(401);
    expect(await count(db, orders)).toBe(0);
    expect(await db.select().from(users).where(eq(users.email, "buyer@example.test"))).toEqual([]);
  });
});

describe("POST /api/v1/orders", () => {
  test("the same order twice creates it once; the repeat changes nothing at all", async ({ db }) => {
    const { secret } = await withKey(db);
    const body = orderPayload({ externalId: "WEB-1001", taxCents: 500, shippingCents: 300 });
    const first = await postOrder(request(body, secret));
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({ externalId: "WEB-1001", result: "created" });

    const snapshot = async () => ({
      order: await db.select().from(orders),
      lines: await db.select().from(orderLines),
      user: await db.select().from(users).where(eq(users.email, "buyer@example.test")),
      events: await db.select().from(timelineEvents),
    });
    const before = await snapshot();
    const again = await postOrder(request(body, secret));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: created.id, externalId: "WEB-1001", result: "unchanged" });
    expect(await snapshot()).toEqual(before);

    expect(before.order[0]).toMatchObject({ subtotalCents: 2500, totalCents: 3300, status: "paid", currency: "GBP" });
    expect(before.user[0]).toMatchObject({ source: "ecommerce", firstName: "Bea", orderCount: 1, totalSpendCents: 3300 });
    expect(before.events.filter((e) => e.kind === "order").map((e) => e.summary)).toEqual(["Order WEB-1001 placed: GBP 33.00 (paid)"]);
  });

  test("a changed status or lines updates the order, its lines and the timeline", async ({ db }) => {
    const { secret } = await withKey(db);
    await postOrder(request(orderPayload({ externalId: "WEB-2" }), secret));
    const refunded = await postOrder(request(orderPayload({ externalId: "WEB-2", status: "refunded" }), secret));
    expect(refunded.status).toBe(200);
    expect((await refunded.json()).result).toBe("updated");
    const [u] = await db.select().from(users).where(eq(users.email, "buyer@example.test"));
    expect(u).toMatchObject({ orderCount: 1, totalSpendCents: 0 });
    const relined = await postOrder(
      request(orderPayload({ externalId: "WEB-2", status: "refunded", lines: [{ sku: "SKU-B", name: "Widget B", quantity: 1, unitPriceCents: 999 }] }), secret),
    );
    expect((await relined.json()).result).toBe("updated");
    expect((await db.select().from(orderLines)).map((l) => [l.sku, l.lineTotalCents])).toEqual([["SKU-B", 999]]);
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, u!.id), eq(timelineEvents.kind, "order")));
    expect(events.map((e) => e.summary)).toEqual([
      "Order WEB-2 placed: GBP 25.00 (paid)",
      "Order WEB-2 is now refunded (was paid); total GBP 25.00",
      "Order WEB-2 updated: subtotalCents, totalCents, lines; total GBP 9.99",
    ]);
  });

  test("bad input is refused with 400 naming each field, and writes nothing", async ({ db }) => {
    const { secret } = await withKey(db);
    const bad = {
      ...orderPayload(),
      customer: { email: "not-an-email" },
      placedAt: "yesterday",
      lines: [{ sku: "A", name: "A", quantity: 0, unitPriceCents: 1.5 }],
    };
    const res = await postOrder(request(bad, secret));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_request");
    expect(error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["customer.email", "lines.0.quantity", "lines.0.unitPriceCents", "placedAt"]);

    const total = await postOrder(request(orderPayload({ totalCents: 1 }), secret));
    expect((await total.json()).error.fields).toEqual([{ path: "totalCents", message: "Must equal the lines plus tax and shipping (2500)" }]);
    const currency = await postOrder(request(orderPayload({ currency: "usd" }), secret));
    expect(currency.status).toBe(400);
    expect((await currency.json()).error.fields[0]).toEqual({ path: "currency", message: "must be GBP, the store currency" });
    const notJson = await postOrder(request(null, secret, "{oops"));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("invalid_json");
    const emptyLines = await postOrder(request(orderPayload({ lines: [] }), secret));
    expect((await emptyLines.json()).error.fields[0].path).toBe("lines");

    expect(await count(db, orders)).toBe(0);
    expect(await db.select().from(users).where(eq(users.email, "buyer@example.test"))).toEqual([]);
  });

  test("new SKUs create products with their category and tags; known products keep their catalogue entry", async ({ db }) => {
    const { secret } = await withKey(db);
    const lines = [{ sku: "NEW-1", name: "Brand new", quantity: 1, unitPriceCents: 100, category: "Garden", tags: ["Eco", "New"] }];
    await postOrder(request(orderPayload({ lines }), secret));
    await postOrder(request(orderPayload({ lines: [{ ...lines[0]!, name: "Renamed in the shop", category: "Kitchen" }] }), secret));
    const rows = await db.execute(sql`
      SELECT p.name, c.name AS category, array_agg(t.name ORDER BY t.name) AS tags
      FROM products p JOIN categories c ON c.id = p.category_id
      JOIN product_tag_links l ON l.product_id = p.id JOIN product_tags t ON t.id = l.tag_id
      WHERE p.sku = 'NEW-1' GROUP BY p.name, c.name`);
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    expect(list).toEqual([{ name: "Brand new", category: "Garden", tags: ["Eco", "New"] }]);
  });
});

describe("POST /api/v1/quotes, /customers, /prospects/stage", () => {
  test("quotes upsert idempotently and appear on the timeline", async ({ db }) => {
    const { secret } = await withKey(db);
    const quote = {
      externalId: "Q-1",
      customer: { email: "trade@example.test" },
      quotedAt: "2026-04-01T09:00:00Z",
      expiresAt: "2026-05-01T09:00:00Z",
      lines: [{ sku: "SKU-A", name: "Widget A", quantity: 10, unitPriceCents: 1000 }],
    };
    expect((await postQuote(request(quote, secret))).status).toBe(201);
    expect((await (await postQuote(request(quote, secret))).json()).result).toBe("unchanged");
    expect((await (await postQuote(request({ ...quote, status: "accepted" }, secret))).json()).result).toBe("updated");
    const bad = await postQuote(request({ ...quote, expiresAt: "2026-01-01T00:00:00Z" }, secret));
    expect((await bad.json()).error.fields[0].path).toBe("expiresAt");
    const [q] = await db.select().from(quotes);
    expect(q).toMatchObject({ status: "accepted", totalCents: 10000 });
    const events = await db.select().from(timelineEvents).where(eq(timelineEvents.kind, "quote"));
    expect(events.map((e) => e.summary)).toEqual(["Quote Q-1: GBP 100.00 (sent)", "Quote Q-1 is now accepted (was sent)"]);
  });

  test("customers upsert by email; staff accounts are never changed by the storefront", async ({ db }) => {
    const { secret } = await withKey(db);
    const created = await postCustomer(request({ email: "New@Example.test", firstName: "Nia" }, secret));
    expect(created.status).toBe(201);
    const updated = await postCustomer(request({ email: "new@example.test", firstName: "Nia", company: "Acme" }, secret));
    expect((await updated.json()).result).toBe("updated");
    expect((await (await postCustomer(request({ email: "new@example.test", company: "Acme" }, secret))).json()).result).toBe("unchanged");
    const [row] = await db.select().from(users).where(eq(users.email, "new@example.test"));
    expect(row).toMatchObject({ firstName: "Nia", company: "Acme", source: "ecommerce", version: 2 });

    const admin = await createUser(db, { role: "admin", firstName: "Ada" });
    const res = await postCustomer(request({ email: admin.email, firstName: "Hacked" }, secret));
    expect((await res.json()).result).toBe("unchanged");
    const [still] = await db.select().from(users).where(eq(users.id, admin.id));
    expect(still?.firstName).toBe("Ada");
  });

  test("prospect stage changes create the prospect, are idempotent and land on the timeline", async ({ db }) => {
    const { secret } = await withKey(db);
    const first = await postProspectStage(request({ email: "lead@example.test", stage: "new", company: "Lead Ltd" }, secret));
    expect(first.status).toBe(201);
    const { id } = await first.json();
    expect((await (await postProspectStage(request({ email: "lead@example.test", stage: "contacted" }, secret))).json()).result).toBe("updated");
    expect((await (await postProspectStage(request({ email: "lead@example.test", stage: "contacted" }, secret))).json()).result).toBe("unchanged");
    const [u] = await db.select().from(users).where(eq(users.id, id));
    expect(u).toMatchObject({ source: "prospect", prospectStage: "contacted", status: "pending" });
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, id), eq(timelineEvents.kind, "prospect")));
    expect(events.map((e) => e.summary)).toEqual(["Prospect stage set to new", "Prospect stage: new → contacted"]);

    const buyer = await createUser(db, { source: "ecommerce" });
    const refused = await postProspectStage(request({ email: buyer.email, stage: "won" }, secret));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields[0].path).toBe("stage");
    const badStage = await postProspectStage(request({ email: "lead@example.test", stage: "maybe" }, secret));
    expect((await badStage.json()).error.fields[0].path).toBe("stage");
  });
});
