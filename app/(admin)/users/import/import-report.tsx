"use client";

import { useState } from "react";
import { downloadCsv } from "@/components/sales/csv";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { numberFmt } from "@/components/users/format";
import type { ImportOutcome, ImportReport } from "@/server/schemas/imports";

const SHOWN = 200;
const OUTCOMES: { key: ImportOutcome; label: string; tone: string }[] = [
  { key: "error", label: "Errors", tone: "bg-red-50 text-red-800" },
  { key: "create", label: "New", tone: "bg-emerald-50 text-emerald-800" },
  { key: "update", label: "Updated", tone: "bg-sky-50 text-sky-800" },
  { key: "unchanged", label: "Unchanged", tone: "bg-slate-100 text-slate-700" },
];
const WORD: Record<ImportOutcome, string> = { create: "created", update: "updated", unchanged: "skipped (unchanged)", error: "error" };

/** The dry run's totals and rows, filterable by outcome and downloadable as CSV. */
export function ImportReportView({ report, fileName, stale }: { report: ImportReport; fileName: string; stale: boolean }) {
  const [show, setShow] = useState<ImportOutcome | "all">(report.totals.error > 0 ? "error" : "all");
  const rows = show === "all" ? report.rows : report.rows.filter((r) => r.outcome === show);

  return (
    <div className={cn("space-y-3", stale && "opacity-60")} aria-busy={stale || undefined}>
      {stale ? <p className="text-sm text-amber-800">The mapping changed: run the dry run again to see its result.</p> : null}
      <p className="text-sm text-slate-700" role="status">
        {numberFmt.format(report.rows.length)} rows: {numberFmt.format(report.totals.create)} to create, {numberFmt.format(report.totals.update)} to update,{" "}
        {numberFmt.format(report.totals.unchanged)} unchanged, {numberFmt.format(report.totals.error)} with errors.
      </p>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Show rows">
        <Button size="sm" variant={show === "all" ? "primary" : "secondary"} aria-pressed={show === "all"} onClick={() => setShow("all")}>
          All
        </Button>
        {OUTCOMES.map((o) => (
          <Button key={o.key} size="sm" variant={show === o.key ? "primary" : "secondary"} aria-pressed={show === o.key} onClick={() => setShow(o.key)}>
            {o.label} ({numberFmt.format(report.totals[o.key])})
          </Button>
        ))}
        <Button
          size="sm"
          variant="ghost"
          className="sm:ml-auto"
          onClick={() =>
            downloadCsv(
              `${fileName.replace(/\.csv$/i, "")}-dry-run.csv`,
              ["Row", "Email", "Result", "Details"],
              report.rows.map((r) => [r.row, r.email, WORD[r.outcome], r.message]),
            )
          }
        >
          Download report (CSV)
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">No rows of this kind.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Dry run result per row</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Row</th>
                <th scope="col" className="px-3 py-2 font-medium">Email</th>
                <th scope="col" className="px-3 py-2 font-medium">Result</th>
                <th scope="col" className="px-3 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.slice(0, SHOWN).map((r) => (
                <tr key={r.row}>
                  <td className="px-3 py-2 tabular-nums">{r.row}</td>
                  <td className="max-w-[14rem] truncate px-3 py-2">{r.email || "—"}</td>
                  <td className="px-3 py-2">
                    <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", OUTCOMES.find((o) => o.key === r.outcome)?.tone)}>
                      {WORD[r.outcome]}
                    </span>
                  </td>
                  <td className="min-w-[12rem] px-3 py-2 text-slate-700">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > SHOWN ? (
        <p className="text-sm text-slate-600">
          Showing the first {SHOWN} of {numberFmt.format(rows.length)}; download the report for every row.
        </p>
      ) : null}
    </div>
  );
}
