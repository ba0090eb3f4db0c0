import { eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { orders, users } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { placeOrder } from "../helpers/sales";

/** Users whose maintained order aggregates differ from a recount over orders. */
async function mismatches(db: Database) {
  return queryRows<{ id: number }>(
    db,
    sql`SELECT u.id FROM users u
        LEFT JOIN (SELECT user_id, count(*)::int AS n, sum(total_cents) FILTER (WHERE status NOT IN ('cancelled', 'refunded'))::bigint AS s,
                          max(placed_at) AS m FROM orders GROUP BY user_id) o ON o.user_id = u.id
        WHERE (u.order_count, u.total_spend_cents, u.last_order_at) IS DISTINCT FROM (coalesce(o.n, 0), coalesce(o.s, 0), o.m)`,
  );
}

describe("order aggregates on users", () => {
  test("equal a recount after mixed ingests, status changes, moves, deletes and bulk inserts", async ({ db }) => {
    const emails = ["a@agg.test", "b@agg.test", "c@agg.test"];
    for (let i = 0; i < 12; i++) {
      await placeOrder(db, {
        externalId: `AGG-${i}`,
        email: emails[i % 3],
        placedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        lines: [{ sku: `S${i % 4}`, name: "Thing", quantity: 1 + (i % 3), unitPriceCents: 1000 + i }],
      });
    }
    await placeOrder(db, { externalId: "AGG-1", email: emails[1], status: "refunded", placedAt: new Date(Date.UTC(2026, 0, 2)).toISOString(), lines: [{ sku: "S1", name: "Thing", quantity: 2, unitPriceCents: 1001 }] });
    await placeOrder(db, { externalId: "AGG-2", email: emails[2], status: "cancelled", placedAt: new Date(Date.UTC(2026, 0, 3)).toISOString(), lines: [{ sku: "S2", name: "Thing", quantity: 3, unitPriceCents: 1002 }] });
    // Moved to another customer by the storefront, and re-dated to be the latest order.
    await placeOrder(db, { externalId: "AGG-3", email: emails[1], placedAt: "2026-06-01T00:00:00Z", lines: [{ sku: "S3", name: "Thing", quantity: 5, unitPriceCents: 100 }] });
    await db.delete(orders).where(eq(orders.externalId, "AGG-11"));
    const extra = await createUser(db);
    await db.execute(sql`
      INSERT INTO orders (user_id, status, currency, total_cents, placed_at)
      SELECT ${extra.id}, (CASE WHEN i % 5 = 0 THEN 'cancelled' ELSE 'paid' END)::order_status, 'GBP', i * 100, timestamptz '2025-01-01' + i * interval '1 day'
      FROM generate_series(1, 50) i`);
    await db.execute(sql`UPDATE orders SET total_cents = total_cents + 1 WHERE user_id = ${extra.id} AND total_cents < 1000`);

    expect(await mismatches(db)).toEqual([]);
    const [a] = await db.select().from(users).where(eq(users.email, "a@agg.test"));
    const [b] = await db.select().from(users).where(eq(users.email, "b@agg.test"));
    const [x] = await db.select().from(users).where(eq(users.id, extra.id));
    // a: orders 0,3→moved,6,9 → 0,6,9 remain (3 orders); b: 1 (refunded), 3 (moved in), 4, 7, 10.
    expect(a).toMatchObject({ orderCount: 3, totalSpendCents: 1 * 1000 + 1 * 1006 + 1 * 1009 });
    expect(b).toMatchObject({ orderCount: 5, totalSpendCents: 500 + 2 * 1004 + 2 * 1007 + 2 * 1010 });
    expect(b?.lastOrderAt?.toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(x).toMatchObject({ orderCount: 50, totalSpendCents: (50 * 51 * 100) / 2 - 100 * (5 + 10 + 15 + 20 + 25 + 30 + 35 + 40 + 45 + 50) + 9 - 1 });
  });

  test("the user list's order-history filters see ingested orders straight away", async ({ db }) => {
    await placeOrder(db, { email: "big@agg.test", lines: [{ sku: "BIG", name: "Big", quantity: 1, unitPriceCents: 500_000 }] });
    await placeOrder(db, { email: "small@agg.test", lines: [{ sku: "SMALL", name: "Small", quantity: 1, unitPriceCents: 500 }] });
    const { caller } = await callerAs(db, "manager");
    const big = await caller.users.list({ filter: { totalSpendMin: 100_000 } });
    expect(big.items.map((u) => u.email)).toEqual(["big@agg.test"]);
    const buyers = await caller.users.list({ filter: { hasOrders: true } });
    expect(buyers.items.map((u) => u.email).sort()).toEqual(["big@agg.test", "small@agg.test"]);
  });
});
