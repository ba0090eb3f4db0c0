// Times the sales procedures through createCaller against a big database (default um_bench):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/um_bench npx tsx tests/bench/sales.ts
// Read-only: the caller's session is built in memory for an existing staff user.
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../../db/client";
import { createCaller } from "../../server/api/root";

const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/um_bench";
const handle = await openDatabase({ url, maxConnections: 2 });
const db = handle.db;
const [staff] = await queryRows<{ id: number; email: string }>(db, sql`SELECT id, email FROM users WHERE role = 'manager' ORDER BY id LIMIT 1`);
if (!staff) throw new Error("no manager in this database");
const caller = createCaller({
  db,
  session: { sessionId: "bench", user: { id: Number(staff.id), email: staff.email, name: "Bench", role: "manager", sessionId: "bench", mustChangePassword: false } },
  ip: null,
  userAgent: "bench",
});

async function time(label: string, fn: () => Promise<unknown>, runs = 15) {
  await fn();
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${ms[Math.floor(runs / 2)]!.toFixed(1)} ms  p90 ${ms[Math.floor(runs * 0.9)]!.toFixed(1)} ms`);
}

const [heavy] = await queryRows<{ id: number; n: number }>(db, sql`SELECT id, order_count AS n FROM users ORDER BY order_count DESC LIMIT 1`);
const [typical] = await queryRows<{ id: number; n: number }>(db, sql`SELECT id, order_count AS n FROM users WHERE order_count = 3 LIMIT 1`);
const [counts] = await queryRows<{ orders: number; lines: number; targets: number }>(
  db,
  sql`SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM order_lines)::int AS lines, (SELECT count(*) FROM sales_targets)::int AS targets`,
);
console.log(`orders ${counts?.orders}, lines ${counts?.lines}, users with targets ${counts?.targets}; heaviest user ${heavy?.id} with ${heavy?.n} orders`);

await time(`sales.summary, heaviest user (${heavy?.n} orders)`, () => caller.sales.summary({ userId: Number(heavy?.id) }));
await time("sales.summary, typical user (3 orders)", () => caller.sales.summary({ userId: Number(typical?.id) }));
await time("bare SQL: LATERAL year-to-date over every target user", () =>
  queryRows(db, sql`SELECT t.user_id, s.ytd FROM sales_targets t CROSS JOIN LATERAL (
    SELECT coalesce(sum(o.total_cents), 0)::bigint AS ytd FROM orders o WHERE o.user_id = t.user_id
      AND o.status NOT IN ('cancelled', 'refunded') AND o.placed_at >= date_trunc('year', now()) AND o.placed_at < now()) s`),
);
await time("sales.targets.report, all target users, first page by %", () => caller.sales.targets.report({}));
await time("sales.targets.report, sorted by name", () => caller.sales.targets.report({ sort: "name", dir: "asc" }));
await time("sales.targets.export (CSV of every row)", () => caller.sales.targets.export({}), 5);
await time("sales.report, heaviest user, 12 months by month", () => caller.sales.report({ userId: Number(heavy?.id), from: "2025-12-01", to: "2026-11-30" }));
await time("sales.orders.list, heaviest user, first page", () => caller.sales.orders.list({ userId: Number(heavy?.id) }));
await time("sales.targets.get, heaviest user", () => caller.sales.targets.get({ userId: Number(heavy?.id) }));
await time("sales.report, whole store, last 30 days by day", () => caller.sales.report({ from: "2026-10-25", to: "2026-11-23", granularity: "day" }), 3);
await handle.close();
