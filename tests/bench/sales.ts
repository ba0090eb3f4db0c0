// Sales questions (R1–R3): the heaviest user's summary and report, the targets report, and the
// smaller sales procedures from the first sales bench (typical user, orders page, targets get/export,
// whole-store report). Part of `npm run bench`; `npm run bench -- --only sales` runs just these.
import type { Case } from "./lib";
import type { BenchContext } from "./context";

const REVENUE = `o.status NOT IN ('cancelled', 'refunded')`;

/** Top products, categories and tags of one user's orders in a date range, rolled up from one pass per product. */
const TOP_SQL = `
  WITH p AS MATERIALIZED (
    SELECT l.product_id, sum(l.line_total_cents) AS revenue, sum(l.quantity) AS quantity
    FROM orders o JOIN order_lines l ON l.order_id = o.id
    WHERE o.user_id = $1 AND ${REVENUE} AND o.placed_at >= $2 AND o.placed_at < $3
    GROUP BY l.product_id
  )
  (SELECT 'product' AS kind, p.product_id AS id, pr.name, p.revenue, p.quantity FROM p LEFT JOIN products pr ON pr.id = p.product_id
   ORDER BY p.revenue DESC, p.product_id LIMIT $4)
  UNION ALL
  (SELECT 'category', c.id, c.name, sum(p.revenue), sum(p.quantity) FROM p LEFT JOIN products pr ON pr.id = p.product_id
   LEFT JOIN categories c ON c.id = pr.category_id GROUP BY c.id, c.name ORDER BY 4 DESC, 2 LIMIT $4)
  UNION ALL
  (SELECT 'tag', t.id, t.name, sum(p.revenue), sum(p.quantity) FROM p JOIN product_tag_links pl ON pl.product_id = p.product_id
   JOIN product_tags t ON t.id = pl.tag_id GROUP BY t.id, t.name ORDER BY 4 DESC, 2 LIMIT $4)`;

function monthsBack(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
}

export async function salesCases(b: BenchContext): Promise<Case[]> {
  const { caller, bare, picks, http } = b;
  const heavy = picks.heavyUserId;
  const typical = picks.typicalUserId;
  const now = new Date();
  const trendStart = monthsBack(now, 23);
  const far = new Date("1900-01-01T00:00:00Z");
  const farFuture = new Date("2200-01-01T00:00:00Z");
  // Twelve whole months to the end of last month, by month.
  const reportFrom = monthsBack(now, 12);
  const reportTo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const reportInput = { userId: heavy, from: day(reportFrom), to: day(reportTo), granularity: "month" as const };
  const storeFrom = new Date(now.getTime() - 30 * 86_400_000);
  const storeInput = { from: day(storeFrom), to: day(new Date(now.getTime() - 86_400_000)), granularity: "day" as const };
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));

  const summaryBare = async (userId: number) => {
    await bare.unsafe(
      `SELECT count(*)::int AS orders, coalesce(sum(o.total_cents), 0)::bigint AS spend, min(o.placed_at), max(o.placed_at)
       FROM orders o WHERE o.user_id = $1 AND ${REVENUE}`,
      [userId],
      { prepare: true },
    );
    await bare.unsafe(
      `SELECT date_trunc('month', o.placed_at AT TIME ZONE 'UTC') AS month, sum(o.total_cents)::bigint, count(*)::int
       FROM orders o WHERE o.user_id = $1 AND ${REVENUE} AND o.placed_at >= $2 GROUP BY 1 ORDER BY 1`,
      [userId, trendStart],
      { prepare: true },
    );
    await bare.unsafe(TOP_SQL, [userId, far, farFuture, 5], { prepare: true });
  };

  const cases: Case[] = [
    {
      id: "sales.summary.heaviest",
      label: `sales.summary, heaviest user (${picks.heavyOrders.toLocaleString("en")} orders)`,
      target: { ms: 100, stat: "p50", label: "heaviest sales summary < 100 ms" },
      runs: 15,
      proc: () => caller.sales.summary({ userId: heavy }),
      sql: () => summaryBare(heavy),
      http: http ? () => http.trpc("sales.summary", { userId: heavy }) : undefined,
    },
    {
      id: "sales.summary.typical",
      label: "sales.summary, typical user (3 orders)",
      proc: () => caller.sales.summary({ userId: typical }),
      sql: () => summaryBare(typical),
    },
    {
      id: "sales.report.heaviest",
      label: "sales.report, heaviest user, 12 months by month",
      runs: 15,
      proc: () => caller.sales.report(reportInput),
      sql: async () => {
        const start = reportFrom;
        const end = new Date(reportTo.getTime() + 86_400_000);
        await bare.unsafe(
          `SELECT date_trunc('month', o.placed_at AT TIME ZONE 'UTC') AS month, sum(o.total_cents)::bigint, count(*)::int
           FROM orders o WHERE o.user_id = $1 AND ${REVENUE} AND o.placed_at >= $2 AND o.placed_at < $3 GROUP BY 1 ORDER BY 1`,
          [heavy, start, end],
          { prepare: true },
        );
        await bare.unsafe(TOP_SQL, [heavy, start, end, 10], { prepare: true });
      },
      http: http ? () => http.trpc("sales.report", reportInput) : undefined,
    },
    {
      id: "sales.targets.report",
      label: `sales.targets.report, ${picks.targetUsers.toLocaleString("en")} target users, first page by %`,
      target: { ms: 200, stat: "p50", label: "targets report < 200 ms" },
      runs: 10,
      proc: () => caller.sales.targets.report({}),
      sql: () =>
        bare.unsafe(
          `WITH r AS MATERIALIZED (
             SELECT t.user_id, t.annual_target_cents AS target, s.ytd FROM sales_targets t
             CROSS JOIN LATERAL (SELECT coalesce(sum(o.total_cents), 0)::bigint AS ytd FROM orders o
               WHERE o.user_id = t.user_id AND ${REVENUE} AND o.placed_at >= $1 AND o.placed_at < $2) s
           ), page AS (
             SELECT * FROM r ORDER BY r.ytd::numeric / r.target DESC, r.user_id DESC LIMIT 51
           )
           SELECT p.user_id, p.target, p.ytd, u.email, u.first_name, u.last_name, u.company, (SELECT count(*) FROM r)::int AS total
           FROM page p JOIN users u ON u.id = p.user_id
           ORDER BY p.ytd::numeric / p.target DESC, p.user_id DESC`,
          [yearStart, now],
          { prepare: true },
        ),
      http: http ? () => http.trpc("sales.targets.report", {}) : undefined,
    },
    {
      id: "sales.targets.report.name",
      label: "sales.targets.report, sorted by name",
      runs: 10,
      proc: () => caller.sales.targets.report({ sort: "name", dir: "asc" }),
    },
    {
      id: "sales.targets.export",
      label: "sales.targets.export (CSV of every row)",
      runs: 5,
      proc: () => caller.sales.targets.export({}),
    },
    {
      id: "sales.orders.list",
      label: "sales.orders.list, heaviest user, first page",
      proc: () => caller.sales.orders.list({ userId: heavy }),
      sql: () =>
        bare.unsafe(`SELECT * FROM orders o WHERE o.user_id = $1 ORDER BY o.placed_at DESC, o.id DESC LIMIT 26`, [heavy], { prepare: true }),
    },
    {
      id: "sales.targets.get",
      label: "sales.targets.get, heaviest user",
      proc: () => caller.sales.targets.get({ userId: heavy }),
    },
    {
      id: "sales.report.store",
      label: "sales.report, whole store, last 30 days by day",
      runs: 3,
      warmup: 1,
      proc: () => caller.sales.report(storeInput),
    },
  ];
  return cases;
}
