"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { RevenueChart } from "@/components/charts/revenue-chart";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { ErrorState } from "@/components/ui/states";
import { formatMoney, minorDigits } from "@/components/users/format";
import type { SalesReport } from "@/server/schemas/sales";
import { downloadCsv, majorUnits } from "./csv";
import { Kpi, RankedList } from "./ranked-list";
import { periodLabel, readRange, type Granularity } from "./report-range";

const GRANULARITIES = [
  { value: "day", label: "By day" },
  { value: "week", label: "By week (from Monday)" },
  { value: "month", label: "By month" },
];

/** R1: revenue, orders, average order value and top sellers for a range; one user or the whole store. */
export function ReportPanel({ userId, title }: { userId?: number; title: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const range = readRange(new URLSearchParams(params.toString()));
  // The store-wide report can be narrowed to a group's members or a smart type (?scope=group:3).
  const [scopeKind, scopeRaw] = (userId ? "" : (params.get("scope") ?? "")).split(":");
  const scopeId = Number(scopeRaw) > 0 ? Number(scopeRaw) : undefined;
  const scope = scopeId && scopeKind === "group" ? { groupId: scopeId } : scopeId && scopeKind === "type" ? { smartTypeId: scopeId } : {};
  const groups = useQuery({ ...trpc.groups.list.queryOptions(), enabled: !userId });
  const types = useQuery({ ...trpc.groups.smartTypes.list.queryOptions(), enabled: !userId });
  const q = useQuery({
    ...trpc.sales.report.queryOptions({ userId, ...scope, from: range.from, to: range.to, granularity: range.by, timeZone: "UTC" }),
    placeholderData: keepPreviousData,
  });

  const setParam = (key: "from" | "to" | "by" | "scope", value: string) => {
    const sp = new URLSearchParams(params.toString());
    if (value) sp.set(key, value);
    else sp.delete(key);
    router.replace(`${pathname}?${sp.toString()}`, { scroll: false });
  };

  const exportCsv = () => {
    if (!q.data) return;
    const r = q.data;
    const digits = minorDigits(r.currency);
    const rows: (string | number)[][] = r.series.map((s) => [s.period, majorUnits(s.revenueCents, digits), s.orderCount]);
    rows.push(["Total", majorUnits(r.totals.revenueCents, digits), r.totals.orderCount]);
    downloadCsv(`revenue-${userId ? `user-${userId}-` : ""}${r.from}-to-${r.to}-by-${r.granularity}.csv`, [`Period starting (${r.timeZone})`, `Revenue (${r.currency})`, "Orders"], rows);
  };

  const fieldError = q.error?.data?.fieldErrors;
  return (
    <section aria-label={title} className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="From" type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setParam("from", e.target.value)} error={fieldError?.from} />
        <TextField label="To" type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setParam("to", e.target.value)} error={fieldError?.to} />
        <SelectField label="Interval" value={range.by} options={GRANULARITIES} onChange={(e) => setParam("by", e.target.value as Granularity)} error={fieldError?.granularity} />
        {userId ? null : (
          <SelectField
            label="Customers"
            value={scopeId ? `${scopeKind}:${scopeId}` : ""}
            onChange={(e) => setParam("scope", e.target.value)}
            options={[
              { value: "", label: "Whole store" },
              ...(groups.data ?? []).map((g) => ({ value: `group:${g.id}`, label: `Group: ${g.name}` })),
              ...(types.data ?? []).map((t) => ({ value: `type:${t.id}`, label: `Smart type: ${t.name}` })),
            ]}
            error={fieldError?.groupId}
          />
        )}
        <Button onClick={exportCsv} disabled={!q.data}>
          Export CSV
        </Button>
        <p className="w-full text-xs text-slate-600">Dates are whole days in UTC; cancelled and refunded orders are not revenue.</p>
      </div>
      {q.isPending ? (
        <div role="status" aria-label="Loading report" className="space-y-3">
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-60 w-full" />
        </div>
      ) : q.isError && !q.data ? (
        <ErrorState title="Could not run this report" message={q.error.message} onRetry={() => void q.refetch()} />
      ) : q.data ? (
        <ReportBody report={q.data} stale={q.isFetching} />
      ) : null}
    </section>
  );
}

function ReportBody({ report: r, stale }: { report: SalesReport; stale: boolean }) {
  const money = (c: number) => formatMoney(c, r.currency);
  const points = r.series.map((s) => ({ label: periodLabel(s.period, r.granularity), revenueCents: s.revenueCents, orderCount: s.orderCount }));
  return (
    <div className={stale ? "space-y-4 opacity-70 transition-opacity" : "space-y-4"} aria-busy={stale}>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Kpi label="Revenue" value={money(r.totals.revenueCents)} />
        <Kpi label="Orders" value={r.totals.orderCount.toLocaleString("en-GB")} />
        <Kpi label="Average order value" value={money(r.totals.averageOrderCents)} />
      </dl>
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <RevenueChart points={points} currency={r.currency} summary={`Revenue by ${r.granularity} from ${r.from} to ${r.to}: ${money(r.totals.revenueCents)} in total`} />
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the figures as a table</summary>
          <div className="mt-2 max-h-80 overflow-y-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Revenue and orders per period</caption>
              <thead className="text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="py-1 font-medium">Period</th>
                  <th scope="col" className="py-1 text-right font-medium">Revenue</th>
                  <th scope="col" className="py-1 text-right font-medium">Orders</th>
                </tr>
              </thead>
              <tbody>
                {r.series.map((s) => (
                  <tr key={s.period} className="border-t border-slate-100">
                    <td className="py-1">{periodLabel(s.period, r.granularity)}</td>
                    <td className="py-1 text-right">{money(s.revenueCents)}</td>
                    <td className="py-1 text-right">{s.orderCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </div>
      <div className="grid gap-3 lg:grid-cols-3">
        <RankedList title="Top categories" items={r.topCategories} currency={r.currency} />
        <RankedList title="Top products" items={r.topProducts} currency={r.currency} />
        <RankedList title="Top product tags" items={r.topTags} currency={r.currency} />
      </div>
    </div>
  );
}
