import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { SalesSummary } from "@/server/schemas/sales";
import type { ServiceContext } from "../core/context";
import { NotFoundError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { REVENUE, scopeUser, topSellers } from "./rollup";

const TREND_MONTHS = 24;

/** R2: what one user buys. Everything comes from the covering orders index plus one pass over their lines. */
export async function salesSummary({ ctx, input }: { ctx: ServiceContext; input: { userId: number; now?: Date } }): Promise<SalesSummary> {
  const now = input.now ?? new Date();
  const [{ currency }, totals, trend, top] = await Promise.all([
    getSettings(ctx.db),
    queryRows<{ exists: boolean; orders: number; spend: number; first: Date | null; last: Date | null }>(
      ctx.db,
      sql`SELECT EXISTS (SELECT 1 FROM users WHERE id = ${input.userId}) AS exists,
                 count(*)::int AS orders, coalesce(sum(o.total_cents), 0)::bigint AS spend,
                 min(o.placed_at) AS first, max(o.placed_at) AS last
          FROM orders o WHERE o.user_id = ${input.userId} AND ${REVENUE}`,
    ),
    queryRows<{ month: string; revenue: number; orders: number }>(
      ctx.db,
      sql`
      WITH m AS (
        SELECT date_trunc('month', o.placed_at AT TIME ZONE 'UTC') AS month, sum(o.total_cents) AS revenue, count(*) AS orders
        FROM orders o
        WHERE o.user_id = ${input.userId} AND ${REVENUE}
          AND o.placed_at >= (date_trunc('month', ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') - interval '${sql.raw(String(TREND_MONTHS - 1))} months') AT TIME ZONE 'UTC'
        GROUP BY 1
      )
      SELECT to_char(g, 'YYYY-MM') AS month, coalesce(m.revenue, 0)::bigint AS revenue, coalesce(m.orders, 0)::int AS orders
      FROM generate_series(
        date_trunc('month', ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') - interval '${sql.raw(String(TREND_MONTHS - 1))} months',
        date_trunc('month', ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'),
        interval '1 month') g
      LEFT JOIN m ON m.month = g
      ORDER BY g`,
    ),
    topSellers(ctx.db, scopeUser(input.userId), 5),
  ]);
  const t = totals[0];
  if (!t?.exists) throw new NotFoundError("That user does not exist.");
  const orderCount = Number(t.orders);
  const spend = Number(t.spend);
  return {
    currency,
    orderCount,
    totalSpendCents: spend,
    averageOrderCents: orderCount ? Math.round(spend / orderCount) : 0,
    firstOrderAt: t.first ? new Date(t.first) : null,
    lastOrderAt: t.last ? new Date(t.last) : null,
    trend: trend.map((r) => ({ month: r.month, revenueCents: Number(r.revenue), orderCount: Number(r.orders) })),
    topProducts: top.products,
    topCategories: top.categories,
    topTags: top.tags,
  };
}
