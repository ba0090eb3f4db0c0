"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { displayName } from "@/components/users/format";
import type { UserListItem, UserSort } from "@/server/schemas/users";
import { COLUMNS, type ColumnContext } from "./columns";
import type { SortDir } from "./list-params";
import type { Selection } from "./use-selection";

export interface ListViewProps {
  items: UserListItem[];
  ctx: ColumnContext;
  selection: Selection | null;
}

function SortHeader({
  label,
  sortKey,
  sort,
  dir,
  onSort,
  numeric,
}: {
  label: string;
  sortKey?: UserSort;
  sort: UserSort;
  dir: SortDir;
  onSort: (s: UserSort) => void;
  numeric?: boolean;
}) {
  const active = sortKey === sort;
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
      className={cn("px-2.5 py-2 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase", numeric ? "text-right" : "text-left")}
    >
      {sortKey ? (
        <button
          type="button"
          onClick={() => onSort(sortKey)}
          className={cn("inline-flex items-center gap-1 uppercase hover:text-slate-900", active && "text-slate-900")}
        >
          {label}
          <span aria-hidden="true" className={active ? "" : "opacity-40"}>
            {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

export function UsersTable({
  items,
  ctx,
  selection,
  visible,
  sort,
  dir,
  onSort,
}: ListViewProps & { visible: readonly string[]; sort: UserSort; dir: SortDir; onSort: (s: UserSort) => void }) {
  const router = useRouter();
  const columns = COLUMNS.filter((c) => visible.includes(c.key));
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {selection ? (
              <th scope="col" className="w-10 py-2 pr-1 pl-3">
                <input
                  type="checkbox"
                  aria-label="Select all users on this page"
                  className="size-4 accent-brand-600"
                  checked={selection.allLoaded}
                  ref={(el) => {
                    if (el) el.indeterminate = selection.someLoaded && !selection.allLoaded;
                  }}
                  onChange={selection.toggleLoaded}
                />
              </th>
            ) : null}
            <SortHeader label="User" sortKey="name" sort={sort} dir={dir} onSort={onSort} />
            {columns.map((c) => (
              <SortHeader key={c.key} label={c.label} sortKey={c.sort} sort={sort} dir={dir} onSort={onSort} numeric={c.numeric} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((u) => {
            const checked = selection?.isSelected(u.id) ?? false;
            return (
              <tr
                key={u.id}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a, button, input, label")) return;
                  router.push(`/users/${u.id}`);
                }}
                className={cn("cursor-pointer hover:bg-slate-50", checked && "bg-brand-50 hover:bg-brand-50")}
              >
                {selection ? (
                  <td className="py-1.5 pr-1 pl-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${displayName(u)}`}
                      className="size-4 accent-brand-600"
                      checked={checked}
                      onChange={() => selection.toggle(u.id)}
                    />
                  </td>
                ) : null}
                <td className="max-w-64 px-2.5 py-1.5">
                  <Link href={`/users/${u.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {displayName(u)}
                  </Link>
                  <span className="block truncate text-xs text-slate-600">{u.email}</span>
                </td>
                {columns.map((c) => (
                  <td key={c.key} className={cn("px-2.5 py-1.5 text-slate-800", c.numeric && "text-right tabular-nums", c.className)}>
                    {c.render(u, ctx)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
