"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DeletionActions } from "@/components/account/deletion-banner";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { formatDateTime } from "@/components/users/format";

const STATES = ["open", "completed", "dismissed", "withdrawn"] as const;
type State = (typeof STATES)[number];

/** C2, staff side: customers' requests to delete their account, acted on by anonymising. */
export function DeletionRequestsClient({ canAct }: { canAct: boolean }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<State>("open");
  const list = useInfiniteQuery(
    trpc.deletionRequests.list.infiniteQueryOptions({ status, limit: 50 }, { getNextPageParam: (last) => last.nextCursor }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-5">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Deletion requests</h1>
          <p className="text-sm text-slate-600">
            {list.data ? `${list.data.pages[0]?.openCount ?? 0} open. ` : ""}Anonymising erases personal data and keeps orders for accounting.
          </p>
        </div>
        <SelectField label="State" value={status} onChange={(e) => setStatus(e.target.value as State)} options={STATES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))} className="sm:w-48" />
      </header>
      {list.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : list.isError ? (
        <ErrorState title="Could not load deletion requests" message={list.error.message} onRetry={() => void list.refetch()} retrying={list.isRefetching} />
      ) : items.length === 0 ? (
        <EmptyState title={`No ${status} requests`} description="Customers ask from their account page; requests appear here." />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {items.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 space-y-0.5 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/users/${r.userId}`} className="font-medium break-all text-slate-900 hover:underline">
                    {r.name || r.email}
                  </Link>
                  <Badge tone={r.status === "open" ? "red" : r.status === "completed" ? "green" : "grey"}>{r.status}</Badge>
                </div>
                <p className="break-all text-slate-600">
                  {r.email} · asked {formatDateTime(r.createdAt)}
                  {r.orderCount ? ` · ${r.orderCount} order(s)` : ""}
                  {r.closedAt ? ` · closed ${formatDateTime(r.closedAt)}${r.closedBy ? ` by ${r.closedBy}` : ""}` : ""}
                </p>
                {r.reason ? <p className="text-slate-800">“{r.reason}”</p> : null}
                {r.closeNote && r.status === "dismissed" ? <p className="text-slate-700">Declined: {r.closeNote}</p> : null}
              </div>
              {r.status === "open" ? <DeletionActions request={r} canAct={canAct} /> : null}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      ) : null}
    </div>
  );
}
