"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/spinner";
import { numberFmt } from "@/components/users/format";

type Which = "all" | "active" | "subscribed";

const CARDS: ReadonlyArray<{ key: Which; label: string; href: string; hint: string }> = [
  { key: "all", label: "All users", href: "/users", hint: "Every user record" },
  { key: "active", label: "Active accounts", href: "/users?active=1", hint: "Can log in today" },
  { key: "subscribed", label: "Subscribed users", href: "/users?subscribed=1", hint: "Newsletter subscribers" },
];

/** U1: the three headline counts, each a link to the list filtered to it. */
export function SummaryBar({ current }: { current: Which | null }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.users.summary.queryOptions());
  return (
    <nav aria-label="User counts">
      <ul className="grid grid-cols-3 gap-2 sm:gap-3">
        {CARDS.map((card) => {
          const active = current === card.key;
          return (
            <li key={card.key}>
              <Link
                href={card.href}
                aria-current={active ? "true" : undefined}
                className={cn(
                  "block h-full rounded-xl border bg-white px-3 py-2.5 shadow-sm transition-colors sm:px-4 sm:py-3",
                  active ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200 hover:border-slate-300",
                )}
              >
                <span className="block text-xs font-medium text-slate-600 sm:text-sm">{card.label}</span>
                <span className="mt-0.5 block text-lg font-semibold tabular-nums text-slate-900 sm:text-2xl">
                  {summary.data ? (
                    numberFmt.format(summary.data[card.key])
                  ) : summary.isError ? (
                    <span className="text-sm font-normal text-red-700">Unavailable</span>
                  ) : (
                    <Skeleton className="mt-1 h-6 w-16" />
                  )}
                </span>
                <span className="hidden text-xs text-slate-600 sm:block">{card.hint}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
