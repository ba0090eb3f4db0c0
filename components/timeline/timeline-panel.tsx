"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { CommentBox } from "./comment-box";
import { KIND_GROUPS } from "./kinds";
import { TimelineEntry } from "./timeline-item";

const PAGE_SIZE = 30;

/**
 * A user's timeline (U7): newest first, filter chips by kind, staff comments (add; edit and
 * delete one's own), and "Load more". Drop it into any page inside the tRPC provider.
 */
export function TimelinePanel({ userId }: { userId: number }) {
  const trpc = useTRPC();
  const [groups, setGroups] = useState<string[]>([]);
  const kinds = useMemo(() => KIND_GROUPS.filter((g) => groups.includes(g.id)).flatMap((g) => g.kinds), [groups]);
  const list = useInfiniteQuery({
    ...trpc.timeline.list.infiniteQueryOptions(
      { userId, limit: PAGE_SIZE, ...(kinds.length ? { kinds } : {}) },
      { getNextPageParam: (p) => p.nextCursor },
    ),
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const toggle = (id: string) => setGroups((g) => (g.includes(id) ? g.filter((x) => x !== id) : [...g, id]));

  return (
    <section aria-label="Timeline" className="space-y-4">
      <CommentBox userId={userId} />

      <div role="group" aria-label="Show only" className="flex flex-wrap gap-2">
        <Chip pressed={groups.length === 0} onClick={() => setGroups([])}>
          Everything
        </Chip>
        {KIND_GROUPS.map((g) => (
          <Chip key={g.id} pressed={groups.includes(g.id)} onClick={() => toggle(g.id)}>
            {g.label}
          </Chip>
        ))}
      </div>

      {list.isPending ? (
        <div className="space-y-3" role="status" aria-busy="true" aria-label="Loading the timeline">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full rounded-lg" />
          ))}
        </div>
      ) : list.isError && items.length === 0 ? (
        <ErrorState title="The timeline could not be loaded" message={list.error.message} onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : items.length === 0 ? (
        <EmptyState
          title={groups.length ? "Nothing of this kind yet" : "No activity yet"}
          description={groups.length ? "Choose Everything to see the whole history." : "Changes, emails, orders and comments will appear here."}
        />
      ) : (
        <div className={cn(list.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={list.isPlaceholderData || undefined}>
          <ol aria-label="Timeline, newest first" className="ml-1.5 border-l border-slate-200">
            {items.map((item) => (
              <TimelineEntry key={item.id} item={item} userId={userId} />
            ))}
          </ol>
          <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
            {list.hasNextPage ? (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            ) : (
              <span className="text-slate-600">That is the whole history.</span>
            )}
            {list.isFetchNextPageError ? (
              <span role="alert" className="text-red-700">
                Could not load more: {list.error?.message}
              </span>
            ) : null}
          </div>
        </div>
      )}
    </section>
  );
}

function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cn(
        "rounded-full border px-3 py-1 text-sm font-medium transition-colors",
        pressed ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
      )}
    >
      {children}
    </button>
  );
}
