"use client";

import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { formatDateTime, formatMoney } from "@/components/users/format";
import { LinesTable, type LineItem } from "./lines-table";

export interface SalesDocument {
  id: number;
  externalId: string | null;
  status: string;
  currency: string;
  totalCents: number;
  date: Date;
  detail?: string;
  lines: LineItem[];
}

const TONE: Record<string, BadgeTone> = {
  paid: "green",
  fulfilled: "green",
  accepted: "green",
  pending: "amber",
  sent: "blue",
  draft: "grey",
  cancelled: "red",
  refunded: "red",
  declined: "red",
  expired: "grey",
};

interface ListState {
  isPending: boolean;
  isError: boolean;
  error: { message: string } | null;
  refetch: () => unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  isFetchingNextPage: boolean;
}

/** Orders or quotes as cards with expandable lines; "Load more" follows the keyset cursor. */
export function DocumentList({ noun, items, query }: { noun: "order" | "quote"; items: SalesDocument[]; query: ListState }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  if (query.isPending) {
    return (
      <div className="space-y-2" role="status" aria-label={`Loading ${noun}s`}>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-16 w-full" />
        ))}
      </div>
    );
  }
  if (query.isError) return <ErrorState title={`Could not load ${noun}s`} message={query.error?.message} onRetry={() => void query.refetch()} />;
  if (items.length === 0) return <EmptyState title={`No ${noun}s yet`} description={`${noun === "order" ? "Orders" : "Quotes"} arrive from the storefront through the ingest API.`} />;

  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {items.map((d) => {
          const expanded = open.has(d.id);
          const panelId = `${noun}-${d.id}-lines`;
          return (
            <li key={d.id} className="rounded-xl border border-slate-200 bg-white">
              <button
                type="button"
                aria-expanded={expanded}
                aria-controls={panelId}
                onClick={() => toggle(d.id)}
                className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-xl px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <span aria-hidden="true" className="text-slate-500">{expanded ? "▾" : "▸"}</span>
                <span className="font-medium">{d.externalId ?? `#${d.id}`}</span>
                <Badge tone={TONE[d.status] ?? "grey"}>{d.status}</Badge>
                <span className="text-sm text-slate-600">{formatDateTime(d.date)}</span>
                {d.detail ? <span className="text-sm text-slate-600">{d.detail}</span> : null}
                <span className="ml-auto font-semibold">{formatMoney(d.totalCents, d.currency)}</span>
                <span className="sr-only">{expanded ? "Hide lines" : `Show ${d.lines.length} lines`}</span>
              </button>
              {expanded ? (
                <div id={panelId} className="border-t border-slate-100 px-4 py-2">
                  <LinesTable lines={d.lines} currency={d.currency} caption={`Lines of ${noun} ${d.externalId ?? d.id}`} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {query.hasNextPage ? (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          Load more {noun}s
        </Button>
      ) : null}
    </div>
  );
}
