"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { OUTCOMES, type ImportResult, type ImportSummary, type Outcome } from "@/server/schemas/subscribers";
import { downloadText } from "./paste";
import { ProgressBar } from "./progress";

const OUTCOME_TEXT: Record<Outcome, string> = { new: "New", updated: "Updated", unchanged: "Unchanged", rejected: "Rejected" };
const n = (v: number) => v.toLocaleString("en");

export function Preview({ summary, onStartOver }: { summary: ImportSummary; onStartOver: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Outcome>(summary.counts.rejected ? "rejected" : "new");
  const [confirming, setConfirming] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const execute = useMutation(
    trpc.subscribers.imports.execute.mutationOptions({
      onSuccess: async (r) => {
        setConfirming(false);
        setResult(r);
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
      },
    }),
  );
  const lines = useInfiniteQuery(
    trpc.subscribers.imports.lines.infiniteQueryOptions(
      { id: summary.id, outcome: tab, limit: 100 },
      { getNextPageParam: (last) => last.nextCursor, enabled: !result },
    ),
  );
  const subscribe = summary.action === "subscribe";
  const changes = summary.counts.new + summary.counts.updated;

  const download = async () => {
    setDownloading(true);
    try {
      const csv = await queryClient.fetchQuery(trpc.subscribers.imports.csv.queryOptions({ id: summary.id }));
      downloadText(`subscriber-preview-${summary.id}.csv`, csv, "text/csv;charset=utf-8");
    } finally {
      setDownloading(false);
    }
  };

  if (result) {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Done</h1>
        <Alert tone="success">
          {subscribe
            ? `${n(result.created)} subscriber records created and ${n(result.updated)} existing users subscribed.`
            : `${n(result.updated)} users unsubscribed.`}{" "}
          Each change is recorded as consent with your name and the time.
          {result.confirmationsQueued ? ` Double opt-in is on: ${n(result.confirmationsQueued)} confirmation emails are queued, and these count as subscribed once confirmed.` : ""}
        </Alert>
        <Button onClick={onStartOver}>Paste another list</Button>
      </div>
    );
  }
  const items = lines.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Preview: {subscribe ? "subscribe" : "unsubscribe"}</h1>
          <p className="text-sm text-slate-600">{n(summary.lineCount)} lines checked. Nothing has been written yet.</p>
        </div>
        <div className="flex gap-2">
          <Button onClick={onStartOver} disabled={execute.isPending}>
            Start over
          </Button>
          <Button onClick={() => void download()} loading={downloading}>
            Download CSV
          </Button>
        </div>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {OUTCOMES.map((o) => (
          <div key={o} className="rounded-xl border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-600">{OUTCOME_TEXT[o]}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`count-${o}`}>
              {n(summary.counts[o])}
            </dd>
          </div>
        ))}
      </dl>
      {summary.reasons.length ? (
        <p className="text-sm text-slate-700">
          Rejected: {summary.reasons.map((r) => `${r.reason} ${n(r.count)}`).join(" · ")}
        </p>
      ) : null}
      {summary.doubleOptIn && subscribe ? (
        <Alert tone="info">Double opt-in is on: everyone newly subscribed gets a confirmation email and counts as subscribed only after confirming.</Alert>
      ) : null}
      <nav aria-label="Lines by outcome" className="-mx-1 flex gap-1 overflow-x-auto px-1">
        {OUTCOMES.map((o) => (
          <button
            key={o}
            type="button"
            aria-pressed={tab === o}
            onClick={() => setTab(o)}
            className={`shrink-0 rounded-full border px-3 py-1.5 text-sm font-medium ${tab === o ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {OUTCOME_TEXT[o]} {n(summary.counts[o])}
          </button>
        ))}
      </nav>
      {lines.isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : lines.isError ? (
        <ErrorState message={lines.error.message} onRetry={() => void lines.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={`No ${OUTCOME_TEXT[tab].toLowerCase()} lines`} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white text-sm">
          {items.map((l) => (
            <li key={l.lineNo} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:gap-3">
              <span className="w-16 shrink-0 text-slate-500 tabular-nums">Line {l.lineNo}</span>
              <span className="min-w-0 flex-1 break-all text-slate-900">{l.raw}</span>
              {l.reason ? <span className="text-slate-700 sm:max-w-[45%]">{l.reason}{l.suggestion ? ` → ${l.suggestion}` : ""}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {lines.hasNextPage ? (
        <div className="flex justify-center">
          <Button onClick={() => void lines.fetchNextPage()} loading={lines.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      ) : null}
      {execute.isPending ? <ProgressBar label={`Applying ${n(changes)} changes in one transaction…`} /> : null}
      {execute.isError && !confirming ? <Alert>{execute.error.message} Nothing was changed.</Alert> : null}
      <div className="sticky bottom-0 -mx-4 flex justify-end border-t border-slate-200 bg-white px-4 py-3 sm:mx-0 sm:rounded-xl sm:border">
        <Button variant="primary" disabled={changes === 0} onClick={() => setConfirming(true)} loading={execute.isPending}>
          {changes === 0 ? "Nothing to apply" : `Apply ${n(changes)} change${changes === 1 ? "" : "s"}`}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => execute.mutate({ id: summary.id })}
        title={subscribe ? "Subscribe these addresses?" : "Unsubscribe these addresses?"}
        confirmLabel="Apply"
        pending={execute.isPending}
        error={execute.error?.message}
      >
        <p>
          {subscribe
            ? `${n(summary.counts.new)} new subscriber records and ${n(summary.counts.updated)} existing users subscribed.`
            : `${n(summary.counts.updated)} users unsubscribed.`}{" "}
          Everything is applied at once or not at all; rejected and unchanged lines are left alone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
