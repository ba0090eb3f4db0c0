"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useMembershipNames } from "@/components/groups/use-membership-names";
import { useTRPC } from "@/components/trpc/provider";
import { Button, buttonClass } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Toast } from "@/components/ui/toast";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { formatCount, minorDigits, numberFmt } from "@/components/users/format";
import type { UserSort } from "@/server/schemas/users";
import { BulkBar } from "./bulk-bar";
import { ExportDialog } from "./export-dialog";
import { ColumnChooser } from "./column-chooser";
import { buildChips, FilterChips } from "./filter-chips";
import { FiltersPanel } from "./filters-panel";
import {
  defaultDir,
  FILTER_PARAMS,
  hasAnyFilter,
  LAST_LIST_KEY,
  listInput,
  parseListState,
  type SortDir,
} from "./list-params";
import { FiltersButton, SearchBox, SortSelect } from "./list-toolbar";
import { ListSkeleton } from "./list-skeleton";
import { SummaryBar } from "./summary-bar";
import { useColumns } from "./use-columns";
import { useListUrl, type ParamChanges } from "./use-list-url";
import { useSelection } from "./use-selection";
import { UsersCards } from "./users-cards";
import { UsersTable } from "./users-table";

export function UsersClient() {
  const trpc = useTRPC();
  const { searchParams, update } = useListUrl();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const me = useQuery(trpc.session.me.queryOptions());
  const currency = settings.data?.currency ?? "GBP";
  const levels = settings.data?.levels ?? [];
  const membershipNames = useMembershipNames();
  const digits = minorDigits(currency);

  const sp = useMemo(() => new URLSearchParams(searchParams.toString()), [searchParams]);
  const state = useMemo(() => parseListState(sp, digits), [sp, digits]);
  const filterKey = JSON.stringify(state.filter);

  const list = useInfiniteQuery({
    ...trpc.users.list.infiniteQueryOptions(listInput(state), { getNextPageParam: (page) => page.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const count = useQuery({ ...trpc.users.count.queryOptions({ filter: state.filter }), placeholderData: keepPreviousData });

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const ids = useMemo(() => items.map((u) => u.id), [items]);
  const canEdit = me.data?.role === "admin" || me.data?.role === "owner";
  const selection = useSelection(ids, filterKey);
  const columns = useColumns();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  // The record page's "← Users" link returns to this exact view.
  useEffect(() => {
    const qs = sp.toString();
    window.sessionStorage.setItem(LAST_LIST_KEY, qs ? `/users?${qs}` : "/users");
  }, [sp]);

  const dismissNotice = useCallback(() => setNotice(null), []);
  const onSearch = useCallback((q: string) => update({ q }, "replace"), [update]);
  const setSort = (sort: UserSort, dir: SortDir) => update({ sort, dir }, "push");
  const onHeaderSort = (sort: UserSort) =>
    setSort(sort, sort === state.sort ? (state.dir === "asc" ? "desc" : "asc") : defaultDir(sort));
  const clearFilters = () => update(Object.fromEntries(FILTER_PARAMS.map((p) => [p, null])), "push");
  const removeChip = (change: ParamChanges) => update(change, "push");

  const chips = buildChips(sp, levels, currency, membershipNames.byParam);
  const filtered = hasAnyFilter(state.filter);
  const onlyParam = chips.length === 1 ? chips[0]?.id : null;
  const current = !filtered ? "all" : onlyParam === "active" && sp.get("active") === "1" ? "active"
    : onlyParam === "subscribed" && sp.get("subscribed") === "1" ? "subscribed" : null;
  const ctx = { currency };
  const selectionProp = canEdit ? selection : null;

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        {canEdit ? (
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={() => setExporting(true)}>Export</Button>
            <Link href="/users/import" className={buttonClass("secondary")}>
              Import
            </Link>
            <Link href="/users/new" className={buttonClass("primary")}>
              Add user
            </Link>
          </div>
        ) : null}
      </div>

      <SummaryBar current={current} />

      <div className="flex flex-wrap items-center gap-2">
        <div className="flex w-full min-w-0 gap-2 sm:w-auto sm:flex-1">
          <SearchBox value={sp.get("q") ?? ""} onSearch={onSearch} />
          <FiltersButton count={chips.filter((c) => c.id !== "q").length} onClick={() => setFiltersOpen(true)} />
        </div>
        <div className="hidden lg:block">
          <ColumnChooser visible={columns.visible} onToggle={columns.toggle} onReset={columns.reset} />
        </div>
      </div>

      <FilterChips chips={chips} onRemove={removeChip} onClear={clearFilters} />

      <div className="flex items-center justify-between gap-2">
      <div className="flex min-h-5 items-center gap-2 text-sm text-slate-700" aria-live="polite">
        {count.data ? (
          <span>
            <span className="font-semibold text-slate-900">{formatCount(count.data)}</span>{" "}
            {count.data.count === 1 && !count.data.capped ? "user" : "users"}
            {filtered ? " match" : ""}
          </span>
        ) : count.isError ? null : (
          <span className="text-slate-600">Counting…</span>
        )}
        {list.isPlaceholderData || (list.isFetching && !list.isFetchingNextPage && !list.isPending) ? (
          <Spinner label="Updating list" />
        ) : null}
      </div>
        <SortSelect sort={state.sort} dir={state.dir} searching={!!state.filter.q} onChange={setSort} />
      </div>

      <Toast message={notice} onDismiss={dismissNotice} />

      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError && !items.length ? (
        <ErrorState
          title="Could not load users"
          message={list.error.message}
          onRetry={() => void list.refetch()}
          retrying={list.isRefetching}
        />
      ) : !items.length ? (
        filtered ? (
          <EmptyState
            title="No users match these filters"
            description="Try a different search, or remove some filters."
            action={<Button onClick={clearFilters}>Clear filters</Button>}
          />
        ) : (
          <EmptyState title="No users yet" description="Users appear here when they register, buy, subscribe or are added." />
        )
      ) : (
        <>
          <div className="hidden lg:block">
            <UsersTable
              items={items}
              ctx={ctx}
              selection={selectionProp}
              visible={columns.visible}
              sort={state.sort}
              dir={state.dir}
              onSort={onHeaderSort}
            />
          </div>
          <div className="lg:hidden">
            <UsersCards items={items} ctx={ctx} selection={selectionProp} />
          </div>
          <div className="flex flex-col items-center gap-2 py-2">
            <p className="text-sm text-slate-600">
              Showing {numberFmt.format(items.length)}
              {count.data ? ` of ${formatCount(count.data)}` : ""}
            </p>
            {list.hasNextPage ? (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            ) : null}
            {list.isFetchNextPageError ? <Alert>Could not load more users: {list.error?.message}</Alert> : null}
          </div>
        </>
      )}

      {canEdit ? (
        <BulkBar
          selection={selection}
          filter={state.filter}
          total={count.data}
          loadedCount={items.length}
          levels={levels}
          customFields={settings.data?.customFields ?? []}
          onDone={setNotice}
        />
      ) : null}

      {exporting ? (
        <ExportDialog target={{ filter: state.filter }} customFields={settings.data?.customFields ?? []} onClose={() => setExporting(false)} />
      ) : null}

      <FiltersPanel
        open={filtersOpen}
        onClose={() => setFiltersOpen(false)}
        searchParams={sp}
        levels={levels}
        currency={currency}
        digits={digits}
        onApply={(draft) => {
          setFiltersOpen(false);
          update(Object.fromEntries(FILTER_PARAMS.filter((p) => p !== "q").map((p) => [p, draft[p] ?? null])), "push");
        }}
      />
    </div>
  );
}
