"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { plural } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { GroupFormDialog } from "./group-form";

/** G1: every group with its member count; admins create new ones here. */
export function GroupsClient() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const me = useQuery(trpc.session.me.queryOptions());
  const canEdit = me.data?.role === "admin" || me.data?.role === "owner";
  const [creating, setCreating] = useState(false);
  const create = useMutation(
    trpc.groups.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
        router.push(`/groups/${id}`);
      },
    }),
  );

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Groups</h1>
          <p className="mt-1 text-sm text-slate-600">Groups drive smart types, price breaks, tax exemption, group emails and login messages.</p>
        </div>
        {canEdit ? (
          <Button variant="primary" onClick={() => setCreating(true)}>
            New group
          </Button>
        ) : null}
      </div>

      {groups.isPending ? (
        <div className="space-y-2" role="status" aria-label="Loading groups">
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-14 w-full" />
        </div>
      ) : groups.isError ? (
        <ErrorState message={groups.error.message} onRetry={() => void groups.refetch()} retrying={groups.isRefetching} />
      ) : groups.data.length === 0 ? (
        <EmptyState
          title="No groups yet"
          description="Create groups such as Retail, Trade or Dealer, then add members from here or from the user list."
          action={canEdit ? <Button variant="primary" onClick={() => setCreating(true)}>New group</Button> : undefined}
        />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Groups">
          {groups.data.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
              <div className="min-w-0 flex-1 basis-60">
                <Link href={`/groups/${g.id}`} className="font-semibold text-brand-800 hover:underline">
                  {g.name}
                </Link>
                {g.description ? <p className="truncate text-sm text-slate-600">{g.description}</p> : null}
              </div>
              <div className="flex flex-wrap items-center gap-1.5">
                {g.taxExempt ? <Badge tone="green">Tax-exempt</Badge> : null}
                {g.smartTypes.map((t) => (
                  <Badge key={t.id} tone="violet" title={`Smart type ${t.name}, priority ${t.position}`}>
                    {t.name}
                  </Badge>
                ))}
              </div>
              <Link
                href={`/users?group=${g.id}`}
                className="text-sm text-slate-700 tabular-nums hover:underline sm:w-32 sm:text-right"
                aria-label={`${plural(g.memberCount, "member")} in ${g.name}: show in the user list`}
              >
                {plural(g.memberCount, "member")}
              </Link>
            </li>
          ))}
        </ul>
      )}

      {creating ? (
        <GroupFormDialog
          title="New group"
          submitLabel="Create group"
          initial={{ name: "", description: "", taxExempt: false }}
          pending={create.isPending}
          error={create.error}
          onSubmit={(v) => create.mutate(v)}
          onClose={() => {
            setCreating(false);
            create.reset();
          }}
        />
      ) : null}
    </div>
  );
}
