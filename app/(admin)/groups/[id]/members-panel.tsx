"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorText } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { fullName } from "@/components/users/format";
import type { GroupListItem } from "@/server/schemas/groups";
import { useDebounced } from "../../users/use-debounced";

export function MembersPanel({ group, canEdit }: { group: GroupListItem; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const search = useDebounced(q.trim(), 300);
  const [removing, setRemoving] = useState<{ id: number; name: string } | null>(null);
  const members = useInfiniteQuery({
    ...trpc.groups.members.list.infiniteQueryOptions({ groupId: group.id, q: search || undefined, limit: 50 }, { getNextPageParam: (p) => p.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.groups.pathKey() });
  const remove = useMutation(trpc.groups.members.remove.mutationOptions({ onSuccess: async () => { setRemoving(null); await refresh(); } }));
  const items = members.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-4">
      {canEdit ? <AddMembers groupId={group.id} groupName={group.name} onAdded={refresh} /> : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <TextField label="Search members" type="search" value={q} onChange={(e) => setQ(e.target.value)} className="min-w-0 flex-1 basis-60" />
        <Link href={`/users?group=${group.id}`} className={buttonClass("secondary")}>
          Open in user list
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        To add or remove many users at once, filter the user list, select them and use the bulk actions “Add to group” or “Remove from group”.
      </p>
      {members.isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : members.isError ? (
        <ErrorState message={members.error.message} onRetry={() => void members.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={search ? "No members match" : "No members yet"} description={canEdit && !search ? "Search for users above to add them." : undefined} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label={`Members of ${group.name}`}>
          {items.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5">
              <div className="min-w-0 flex-1 basis-56">
                <Link href={`/users/${m.id}`} className="font-medium text-brand-800 hover:underline">
                  {fullName(m) || m.email}
                </Link>
                <p className="truncate text-sm text-slate-600">
                  {m.email}
                  {m.company ? ` · ${m.company}` : ""}
                </p>
              </div>
              {canEdit ? (
                <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setRemoving({ id: m.id, name: fullName(m) || m.email })}>
                  Remove<span className="sr-only"> {fullName(m) || m.email} from {group.name}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {members.hasNextPage ? (
        <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ groupId: group.id, userIds: [removing.id] })}
        title={`Remove ${removing?.name ?? ""} from ${group.name}?`}
        confirmLabel="Remove"
        tone="danger"
        pending={remove.isPending}
        error={remove.isError ? errorText(remove.error) : null}
      >
        <p>Their account stays; their smart type, prices and tax status may change. The timeline records it.</p>
      </ConfirmDialog>
    </div>
  );
}

function AddMembers({ groupId, groupName, onAdded }: { groupId: number; groupName: string; onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const search = useDebounced(q.trim(), 300);
  const results = useQuery({ ...trpc.users.list.queryOptions({ filter: { q: search }, limit: 8 }), enabled: search.length >= 2 });
  const add = useMutation(
    trpc.groups.members.add.mutationOptions({
      onSuccess: async (res, vars) => {
        const who = results.data?.items.find((u) => u.id === vars.userIds[0]);
        setNotice(res.changed ? `${who ? fullName(who) || who.email : "User"} added to ${groupName}.` : "Already a member.");
        await onAdded();
      },
    }),
  );
  return (
    <section aria-labelledby="add-members" className="rounded-xl border border-slate-200 bg-slate-50 p-4">
      <h2 id="add-members" className="mb-2 text-sm font-semibold text-slate-900">
        Add members
      </h2>
      <TextField label="Find users by name, email or company" hideLabel placeholder="Find users by name, email or company" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {notice ? <Alert tone="success" className="mt-2">{notice}</Alert> : null}
      {add.isError ? <Alert className="mt-2">{errorText(add.error)}</Alert> : null}
      {search.length >= 2 && results.data ? (
        results.data.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No users match “{search}”.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Matching users">
            {results.data.items.map((u) => (
              <li key={u.id} className="flex items-center gap-3 px-3 py-2">
                <span className="min-w-0 flex-1 truncate text-sm">
                  <span className="font-medium">{fullName(u) || u.email}</span> <span className="text-slate-600">{u.email}</span>
                </span>
                <Button size="sm" onClick={() => add.mutate({ groupId, userIds: [u.id] })} loading={add.isPending && add.variables?.userIds[0] === u.id}>
                  Add<span className="sr-only"> {fullName(u) || u.email}</span>
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
