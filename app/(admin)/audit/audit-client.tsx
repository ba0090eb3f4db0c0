"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Skeleton, Spinner } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { fieldLabel } from "@/components/audit/diff";
import type { AuditItem } from "@/server/schemas/audit";
import { AuditCards, AuditTable } from "./audit-list";
import { AUDIT_PARAMS, auditListInput, hasAuditFilter, parseAuditParams } from "./audit-params";
import { useDebouncedInput } from "./use-debounced-input";

type Changes = Partial<Record<(typeof AUDIT_PARAMS)[number], string | number | null>>;

/** Filter state lives in the URL (shareable, survives reload); History API, no server round trip. */
function useAuditUrl() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filter = useMemo(() => parseAuditParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const update = useCallback(
    (changes: Changes, mode: "push" | "replace" = "push") => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      window.history[mode === "push" ? "pushState" : "replaceState"](null, "", url);
    },
    [pathname],
  );
  return { filter, update };
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useDebouncedInput(value, onSearch, 300);
  return (
    <div role="search" className="min-w-0 flex-1 basis-64">
      <TextField
        label="Search the audit log"
        hideLabel
        type="search"
        placeholder="Search action, staff email or record id"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}

export function AuditClient() {
  const trpc = useTRPC();
  const { filter, update } = useAuditUrl();
  const facets = useQuery(trpc.audit.facets.queryOptions());
  const list = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(auditListInput(filter), { getNextPageParam: (p) => p.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const [actorLabel, setActorLabel] = useState<string | null>(null);
  const onSearch = useCallback((q: string) => update({ q }, "replace"), [update]);
  const onTargetId = useCallback((targetId: string) => update({ targetId }, "replace"), [update]);
  const filtered = hasAuditFilter(filter);
  const clear = () => update(Object.fromEntries(AUDIT_PARAMS.map((k) => [k, null])) as Changes);

  const actions = {
    onActor: (item: AuditItem) => {
      setActorLabel(item.actorEmail ?? item.actorName);
      update({ actorId: item.actorId });
    },
    onTarget: (item: AuditItem) => update({ targetType: item.targetType, targetId: item.targetId }),
  };

  const actionOptions = (facets.data?.actions ?? []).map((a) => ({ value: a, label: a }));
  if (filter.action && !actionOptions.some((o) => o.value === filter.action)) actionOptions.push({ value: filter.action, label: filter.action });
  const typeOptions = (facets.data?.targetTypes ?? []).map((t) => ({ value: t, label: fieldLabel(t) }));
  if (filter.targetType && !typeOptions.some((o) => o.value === filter.targetType)) typeOptions.push({ value: filter.targetType, label: filter.targetType });

  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">Every change staff made: who, when, and what changed from → to. Secrets are never recorded.</p>
      </header>

      <div className="flex flex-wrap items-end gap-2">
        <SearchBox value={filter.q ?? ""} onSearch={onSearch} />
        {filtered ? (
          <Button variant="ghost" onClick={clear}>
            Clear filters
          </Button>
        ) : null}
      </div>

      <fieldset className="grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-5">
        <legend className="sr-only">Filters</legend>
        <SelectField
          label="Action"
          value={filter.action ?? ""}
          placeholder="Any action"
          options={actionOptions}
          onChange={(e) => update({ action: e.target.value })}
        />
        <SelectField
          label="Record type"
          value={filter.targetType ?? ""}
          placeholder="Any type"
          options={typeOptions}
          onChange={(e) => update({ targetType: e.target.value })}
        />
        <TargetIdField value={filter.targetId ?? ""} onChange={onTargetId} />
        <TextField label="From" type="date" value={filter.from ?? ""} max={filter.to} onChange={(e) => update({ from: e.target.value })} />
        <TextField label="To" type="date" value={filter.to ?? ""} min={filter.from} onChange={(e) => update({ to: e.target.value })} />
      </fieldset>

      {filter.actorId ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-800">
            Changes by {actorLabel ?? items.find((i) => i.actorId === filter.actorId)?.actorEmail ?? `staff #${filter.actorId}`}
          </span>
          <Button size="sm" variant="ghost" onClick={() => update({ actorId: null })} aria-label="Remove the person filter">
            Remove
          </Button>
        </p>
      ) : null}

      {list.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading the audit log">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-14 w-full rounded-lg" />
          ))}
        </div>
      ) : list.isError && items.length === 0 ? (
        <ErrorState title="The audit log could not be loaded" message={list.error.message} onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : items.length === 0 ? (
        <EmptyState
          title={filtered ? "No entries match these filters" : "No changes recorded yet"}
          description={filtered ? "Try a wider date range or a shorter search." : "Changes staff make to users and settings will appear here."}
          action={filtered ? <Button onClick={clear}>Clear filters</Button> : undefined}
        />
      ) : (
        <div className={list.isPlaceholderData ? "opacity-60 transition-opacity" : undefined} aria-busy={list.isPlaceholderData || undefined}>
          <AuditTable items={items} actions={actions} />
          <AuditCards items={items} actions={actions} />
          <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
            <span role="status">
              Showing {items.length.toLocaleString("en-GB")} {items.length === 1 ? "entry" : "entries"}
              {list.hasNextPage ? "" : " — that is all"}
            </span>
            {list.isFetchNextPageError ? <span className="text-red-700">Could not load more: {list.error?.message}</span> : null}
            {list.hasNextPage ? (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            ) : null}
          </div>
        </div>
      )}
      {list.isFetching && !list.isPending && !list.isFetchingNextPage ? <Spinner label="Updating" /> : null}
    </div>
  );
}

function TargetIdField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useDebouncedInput(value, onChange, 400);
  return <TextField label="Record id" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. 1042" />;
}
