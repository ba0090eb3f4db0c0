"use client";

import { useQuery } from "@tanstack/react-query";
import { RevenueChart } from "@/components/charts/revenue-chart";
import { useTRPC } from "@/components/trpc/provider";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { formatDate, formatMoney } from "@/components/users/format";
import { Kpi, RankedList } from "./ranked-list";

/** R2: what this customer buys and how their spend moves (last 24 months). */
export function SalesSummaryPanel({ userId }: { userId: number }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.sales.summary.queryOptions({ userId }));
  if (q.isPending) {
    return (
      <div role="status" aria-label="Loading sales summary" className="space-y-3">
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-60 w-full" />
      </div>
    );
  }
  if (q.isError) return <ErrorState title="Could not load the sales summary" message={q.error.message} onRetry={() => void q.refetch()} />;
  const s = q.data;
  if (s.orderCount === 0) return <EmptyState title="No purchases yet" description="The summary appears once this user has orders." />;
  const money = (c: number) => formatMoney(c, s.currency);
  const trend = s.trend.map((t) => ({
    label: new Date(`${t.month}-01T00:00:00Z`).toLocaleString("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" }),
    revenueCents: t.revenueCents,
    orderCount: t.orderCount,
  }));
  const last12 = s.trend.slice(-12).reduce((a, t) => a + t.revenueCents, 0);
  const prev12 = s.trend.slice(0, 12).reduce((a, t) => a + t.revenueCents, 0);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Kpi label="Total spend" value={money(s.totalSpendCents)} />
        <Kpi label="Orders" value={s.orderCount.toLocaleString("en-GB")} />
        <Kpi label="Average order" value={money(s.averageOrderCents)} />
        <Kpi label="First order" value={formatDate(s.firstOrderAt)} />
        <Kpi label="Last order" value={formatDate(s.lastOrderAt)} />
      </dl>
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 className="text-sm font-semibold">Spend by month</h3>
          <p className="text-xs text-slate-600">
            Last 12 months {money(last12)} · previous 12 months {money(prev12)}
          </p>
        </div>
        <RevenueChart points={trend} currency={s.currency} summary={`Spend by month over the last 24 months; last 12 months ${money(last12)}`} />
      </section>
      <div className="grid gap-3 lg:grid-cols-3">
        <RankedList title="Top products" items={s.topProducts} currency={s.currency} />
        <RankedList title="Top categories" items={s.topCategories} currency={s.currency} />
        <RankedList title="Top product tags" items={s.topTags} currency={s.currency} />
      </div>
    </div>
  );
}
