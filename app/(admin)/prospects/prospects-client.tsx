"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { capitalise, displayName, formatDate } from "@/components/users/format";
import { PROSPECT_STAGES } from "@/server/schemas/users";

type Stage = (typeof PROSPECT_STAGES)[number];
const TONE: Record<Stage, "grey" | "blue" | "violet" | "green" | "red"> = { new: "grey", contacted: "blue", qualified: "violet", won: "green", lost: "red" };

/** U11: users whose source is prospect, filtered by pipeline stage (in the URL as ?stage=a,b). */
export function ProspectsClient() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const stages = (params.get("stage") ?? "").split(",").filter((s): s is Stage => (PROSPECT_STAGES as readonly string[]).includes(s));
  const query = useInfiniteQuery({
    ...trpc.users.list.infiniteQueryOptions(
      { filter: { source: ["prospect"], prospectStage: stages.length ? stages : undefined }, sort: "created", dir: "desc", limit: 50 },
      { getNextPageParam: (last) => last.nextCursor },
    ),
    placeholderData: keepPreviousData,
  });
  const toggle = (s: Stage) => {
    const next = stages.includes(s) ? stages.filter((x) => x !== s) : [...stages, s];
    const sp = new URLSearchParams(params.toString());
    if (next.length) sp.set("stage", next.join(","));
    else sp.delete("stage");
    router.replace(`${pathname}?${sp.toString()}`, { scroll: false });
  };
  const rows = (query.data?.pages ?? []).flatMap((p) => p.items);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Prospects</h1>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">Pipeline stage</legend>
        <div className="flex flex-wrap gap-2">
          {PROSPECT_STAGES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={stages.includes(s)}
              onClick={() => toggle(s)}
              className={`rounded-full border px-3 py-1 text-sm font-medium ${stages.includes(s) ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {capitalise(s)}
            </button>
          ))}
        </div>
      </fieldset>
      {query.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : query.isError ? (
        <ErrorState title="Could not load prospects" message={query.error.message} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No prospects match" description={stages.length ? "Try other stages." : "Prospects arrive from the storefront or are created with source Prospect."} />
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Prospects</caption>
          <thead className="hidden border-b border-slate-200 text-left text-xs text-slate-600 md:table-header-group">
            <tr>
              <th scope="col" className="py-2 pr-2 font-medium">Name</th>
              <th scope="col" className="py-2 pr-2 font-medium">Company</th>
              <th scope="col" className="py-2 pr-2 font-medium">Stage</th>
              <th scope="col" className="py-2 pr-2 font-medium">Smart type</th>
              <th scope="col" className="py-2 font-medium">Created</th>
            </tr>
          </thead>
          <tbody className="block space-y-2 md:table-row-group md:space-y-0">
            {rows.map((u) => (
              <tr key={u.id} className="grid grid-cols-2 gap-1 rounded-xl border border-slate-200 bg-white p-3 md:table-row md:rounded-none md:border-0 md:border-b md:p-0">
                <td className="col-span-2 md:py-2 md:pr-2">
                  <Link href={`/users/${u.id}`} className="font-medium text-brand-700 hover:underline">{displayName(u)}</Link>
                  <div className="truncate text-xs text-slate-600">{u.email}</div>
                </td>
                <td className="text-slate-700 md:pr-2">{u.company ?? "—"}</td>
                <td className="md:pr-2">{u.prospectStage ? <Badge tone={TONE[u.prospectStage]}>{capitalise(u.prospectStage)}</Badge> : <Badge>Not set</Badge>}</td>
                <td className="text-slate-700 md:pr-2">
                  <span className="text-xs text-slate-600 md:hidden">Smart type: </span>
                  {u.smartTypeName ?? "None"}
                </td>
                <td className="text-slate-600 md:py-2">{formatDate(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.hasNextPage ? <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>Load more</Button> : null}
    </div>
  );
}
