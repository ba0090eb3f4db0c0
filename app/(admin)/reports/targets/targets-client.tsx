"use client";

import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { downloadText } from "@/components/sales/csv";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { formatMoney } from "@/components/users/format";
import { TARGET_SORTS, TARGET_STANDINGS, type TargetsReportRow } from "@/server/schemas/sales";

const STANDING = { behind: ["Behind", "red"], onPace: ["On pace", "blue"], ahead: ["Ahead", "green"] } as const;
const SORT_LABELS: Record<(typeof TARGET_SORTS)[number], string> = { percent: "% of target", name: "Name", ytd: "Year to date", target: "Target" };

export function TargetsReportClient() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const q = params.get("q") ?? "";
  const standingParam = params.get("standing");
  const standing = TARGET_STANDINGS.find((s) => s === standingParam);
  const sortParam = params.get("sort");
  const sort = TARGET_SORTS.find((s) => s === sortParam) ?? "percent";
  const dir = params.get("dir") === "asc" ? "asc" : "desc";
  const input = { q: q || undefined, standing: standing ? [standing] : undefined, sort, dir } as const;
  const [search, setSearch] = useState(q);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const query = useInfiniteQuery({
    ...trpc.sales.targets.report.infiniteQueryOptions({ ...input, limit: 50 }, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const sp = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v) sp.set(k, v);
      else sp.delete(k);
    }
    router.replace(`${pathname}?${sp.toString()}`, { scroll: false });
  };
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { filename, csv } = await qc.fetchQuery(trpc.sales.targets.export.queryOptions(input));
      downloadText(filename, csv);
    } catch (e) {
      setExportError(e instanceof Error ? e.message : "Export failed");
    } finally {
      setExporting(false);
    }
  };
  const first = query.data?.pages[0];
  const rows = (query.data?.pages ?? []).flatMap((p) => p.items);
  const money = (c: number) => formatMoney(c, first?.currency ?? "GBP");

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Sales targets {first ? first.year : ""}</h1>
        <Link href="/reports" className="text-sm font-medium text-brand-700 hover:underline">← Reports</Link>
      </div>
      <form
        className="flex flex-wrap items-end gap-3"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <TextField label="Search name, email or company" value={search} onChange={(e) => setSearch(e.target.value)} onBlur={() => set({ q: search.trim() || undefined })} />
        <SelectField label="Standing" value={standing ?? ""} placeholder="Everyone" options={TARGET_STANDINGS.map((s) => ({ value: s, label: STANDING[s][0] }))} onChange={(e) => set({ standing: e.target.value || undefined })} />
        <SelectField label="Sort by" value={sort} options={TARGET_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} onChange={(e) => set({ sort: e.target.value })} />
        <SelectField label="Order" value={dir} options={[{ value: "desc", label: "Highest first" }, { value: "asc", label: "Lowest first" }]} onChange={(e) => set({ dir: e.target.value })} />
        <Button onClick={() => void exportCsv()} loading={exporting} disabled={!first || first.total === 0}>Export CSV</Button>
      </form>
      {exportError ? <Alert>{exportError}</Alert> : null}
      {query.isPending ? (
        <div role="status" aria-label="Loading sales targets" className="space-y-2">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : query.isError ? (
        <ErrorState title="Could not load the targets report" message={query.error.message} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No users with targets match" description="Enable a target on a user's record (Sales target tab), or clear the filters." />
      ) : (
        <>
          <p className="text-sm text-slate-600" aria-live="polite">
            {first?.total.toLocaleString("en-GB")} users with targets · pace is the share of the year elapsed (UTC)
          </p>
          <TargetsTable rows={rows} money={money} />
          {query.hasNextPage ? (
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>Load more</Button>
          ) : null}
        </>
      )}
    </div>
  );
}

function TargetsTable({ rows, money }: { rows: TargetsReportRow[]; money: (c: number) => string }) {
  return (
    <table className="w-full text-sm" data-testid="targets-table">
      <caption className="sr-only">Users with sales targets, year to date</caption>
      <thead className="hidden border-b border-slate-200 text-left text-xs text-slate-600 md:table-header-group">
        <tr>
          <th scope="col" className="py-2 pr-2 font-medium">Name</th>
          <th scope="col" className="py-2 pr-2 font-medium">Level</th>
          <th scope="col" className="py-2 pr-2 text-right font-medium">Target</th>
          <th scope="col" className="py-2 pr-2 text-right font-medium">Year to date</th>
          <th scope="col" className="py-2 pr-2 text-right font-medium">Pace</th>
          <th scope="col" className="py-2 pr-2 text-right font-medium">Projection</th>
          <th scope="col" className="py-2 pr-2 text-right font-medium">% of target</th>
          <th scope="col" className="py-2 font-medium">Standing</th>
        </tr>
      </thead>
      <tbody className="block space-y-2 md:table-row-group md:space-y-0">
        {rows.map((r) => {
          const [label, tone] = STANDING[r.standing];
          return (
            <tr key={r.userId} className="grid grid-cols-2 gap-1 rounded-xl border border-slate-200 bg-white p-3 md:table-row md:rounded-none md:border-0 md:border-b md:p-0">
              <td className="col-span-2 md:py-2 md:pr-2">
                <Link href={`/users/${r.userId}?tab=target`} className="font-medium text-brand-700 hover:underline">{r.name || r.email}</Link>
                <div className="truncate text-xs text-slate-600">{r.email}{r.company ? ` · ${r.company}` : ""}</div>
              </td>
              <td className="text-slate-700 md:pr-2">{r.levelName ?? "—"}</td>
              <Cell label="Target" value={money(r.annualTargetCents)} />
              <Cell label="Year to date" value={money(r.ytdCents)} />
              <Cell label="Pace" value={money(r.paceCents)} />
              <Cell label="Projection" value={money(r.projectionCents)} />
              <Cell label="% of target" value={`${r.percentOfTarget.toFixed(1)}%`} strong />
              <td className="md:py-2"><Badge tone={tone}>{label}</Badge></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Cell({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <td className={`md:py-2 md:pr-2 md:text-right ${strong ? "font-semibold" : ""}`}>
      <span className="mr-1 text-xs text-slate-600 md:hidden">{label}</span>
      {value}
    </td>
  );
}
