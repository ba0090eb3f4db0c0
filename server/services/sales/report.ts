import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { SalesReport, SalesReportInput } from "@/server/schemas/sales";
import type { ServiceContext } from "../core/context";
import { getSettings } from "../settings/settings";
import { REVENUE, scopeAll, scopeUser, scopeUsersWhere, topSellers, type OrderScope } from "./rollup";

/**
 * Revenue, order count, average order value and top sellers over an inclusive date range, bucketed
 * by day, week (ISO, starting Monday) or month. Dates and buckets are calendar days in
 * `input.timeZone`, so an order at 23:30 on the last day in that zone is in range and in its day.
 * `scope` narrows the orders (one user, a group, a smart type); by default `input.userId` or all.
 */
export async function salesReport({
  ctx,
  input,
  scope,
}: {
  ctx: ServiceContext;
  input: SalesReportInput;
  scope?: OrderScope;
}): Promise<SalesReport> {
  const { currency } = await getSettings(ctx.db);
  const where =
    scope ??
    (input.userId
      ? scopeUser(input.userId)
      : input.groupId
        ? scopeUsersWhere(sql`EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = ${input.groupId} AND gm.user_id = u.id)`)
        : input.smartTypeId
          ? scopeUsersWhere(sql`u.smart_type_id = ${input.smartTypeId}`)
          : scopeAll);
  const tz = input.timeZone;
  const unit = sql.raw(`'${input.granularity}'`);
  const start = sql`(${input.from}::date::timestamp AT TIME ZONE ${tz})`;
  const end = sql`((${input.to}::date + 1)::timestamp AT TIME ZONE ${tz})`;
  const inRange = sql`${where} AND o.placed_at >= ${start} AND o.placed_at < ${end}`;

  const [series, top] = await Promise.all([
    queryRows<{ period: string; revenue: number; orders: number }>(
      ctx.db,
      sql`
      WITH b AS (
        SELECT date_trunc(${unit}, o.placed_at AT TIME ZONE ${tz}) AS bucket, sum(o.total_cents) AS revenue, count(*) AS orders
        FROM orders o WHERE ${inRange} AND ${REVENUE}
        GROUP BY 1
      )
      SELECT to_char(g, 'YYYY-MM-DD') AS period, coalesce(b.revenue, 0)::bigint AS revenue, coalesce(b.orders, 0)::int AS orders
      FROM generate_series(date_trunc(${unit}, ${input.from}::date::timestamp), ${input.to}::date::timestamp, ('1 ' || ${input.granularity})::interval) g
      LEFT JOIN b ON b.bucket = g
      ORDER BY g`,
    ),
    topSellers(ctx.db, inRange, input.top),
  ]);
  const points = series.map((r) => ({ period: r.period, revenueCents: Number(r.revenue), orderCount: Number(r.orders) }));
  const revenueCents = points.reduce((s, p) => s + p.revenueCents, 0);
  const orderCount = points.reduce((s, p) => s + p.orderCount, 0);
  return {
    currency,
    timeZone: tz,
    from: input.from,
    to: input.to,
    granularity: input.granularity,
    totals: { revenueCents, orderCount, averageOrderCents: orderCount ? Math.round(revenueCents / orderCount) : 0 },
    series: points,
    topCategories: top.categories,
    topProducts: top.products,
    topTags: top.tags,
  };
}
