"use client";

import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { displayName, formatDate, formatMoney, numberFmt } from "@/components/users/format";
import { ActivityBadge, StatusBadge } from "@/components/users/user-badges";
import type { ListViewProps } from "./users-table";

/** The list on narrow screens: one card per user, nothing wider than the viewport. */
export function UsersCards({ items, ctx, selection }: ListViewProps) {
  return (
    <ul className="space-y-2" aria-label="Users">
      {items.map((u) => {
        const checked = selection?.isSelected(u.id) ?? false;
        return (
          <li
            key={u.id}
            className={cn(
              "flex gap-3 rounded-xl border bg-white p-3 shadow-sm",
              checked ? "border-brand-600 bg-brand-50" : "border-slate-200",
            )}
          >
            {selection ? (
              <input
                type="checkbox"
                aria-label={`Select ${displayName(u)}`}
                className="mt-1 size-5 shrink-0 accent-brand-600"
                checked={checked}
                onChange={() => selection.toggle(u.id)}
              />
            ) : null}
            <div className="min-w-0 flex-1">
              <div className="flex items-start justify-between gap-2">
                <Link href={`/users/${u.id}`} className="min-w-0 font-medium text-slate-900 hover:underline">
                  <span className="block truncate">{displayName(u)}</span>
                </Link>
                <StatusBadge status={u.status} />
              </div>
              <p className="truncate text-sm text-slate-600">{u.email}</p>
              {u.company ? <p className="truncate text-sm text-slate-700">{u.company}</p> : null}
              <div className="mt-1.5">
                <ActivityBadge activity={u.activity} />
              </div>
              <dl className="mt-2 grid grid-cols-3 gap-2 text-xs sm:max-w-lg">
                <div className="min-w-0">
                  <dt className="text-slate-600">Level</dt>
                  <dd className="truncate font-medium text-slate-900">{u.levelName ?? "—"}</dd>
                </div>
                <div className="min-w-0">
                  <dt className="text-slate-600">Orders</dt>
                  <dd className="truncate font-medium tabular-nums text-slate-900">
                    {numberFmt.format(u.orderCount)} · {formatMoney(u.totalSpendCents, ctx.currency)}
                  </dd>
                </div>
                <div className="min-w-0">
                  <dt className="text-slate-600">Registered</dt>
                  <dd className="truncate font-medium text-slate-900">{formatDate(u.createdAt)}</dd>
                </div>
              </dl>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
