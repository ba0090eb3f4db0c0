"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, ErrorState } from "@/components/ui/states";
import { errorText } from "./errors";
import { TagChip } from "./tag-chip";

/** The user record's "Groups & tags" tab: memberships, tags, tax status (G2) and smart type with why (G6). */
export function GroupsTagsTab({ userId, canEdit }: { userId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.groups.forUser.queryOptions({ userId }));
  const groups = useQuery({ ...trpc.groups.list.queryOptions(), enabled: canEdit });
  const tags = useQuery({ ...trpc.tags.list.queryOptions(), enabled: canEdit });
  const [groupId, setGroupId] = useState("");
  const [tagId, setTagId] = useState("");
  const [leaving, setLeaving] = useState<{ id: number; name: string } | null>(null);
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.groups.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.tags.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.users.get.queryKey({ id: userId }) }),
    ]);
  };
  const join = useMutation(trpc.groups.members.add.mutationOptions({ onSuccess: async () => { setGroupId(""); await refresh(); } }));
  const leave = useMutation(trpc.groups.members.remove.mutationOptions({ onSuccess: async () => { setLeaving(null); await refresh(); } }));
  const tag = useMutation(trpc.tags.assign.mutationOptions({ onSuccess: async () => { setTagId(""); await refresh(); } }));
  const untag = useMutation(trpc.tags.unassign.mutationOptions({ onSuccess: refresh }));

  if (view.isPending) return <Skeleton className="h-40 w-full" />;
  if (view.isError) return <ErrorState message={view.error.message} onRetry={() => void view.refetch()} />;
  const v = view.data;
  const inGroup = new Set(v.groups.map((g) => g.id));
  const tagged = new Set(v.tags.map((t) => t.id));
  const failure = join.error ?? leave.error ?? tag.error ?? untag.error;

  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <section aria-labelledby="smart-type" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="smart-type" className="text-sm font-semibold text-slate-900">
          Smart type
        </h2>
        <p className="mt-1 text-lg font-semibold">{v.smartType ? v.smartType.name : "None"}</p>
        <p className="text-sm text-slate-700">{v.smartTypeReason}</p>
      </section>
      <section aria-labelledby="tax" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="tax" className="text-sm font-semibold text-slate-900">
          Tax
        </h2>
        <p className="mt-1">
          {v.taxExempt ? <Badge tone="green">Tax-exempt</Badge> : <Badge>Pays tax</Badge>}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          {v.taxExempt ? `Because of membership of ${v.taxExemptBecause.map((g) => g.name).join(" and ")}.` : "None of this user's groups is tax-exempt."}
        </p>
      </section>

      <section aria-labelledby="user-groups" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="user-groups" className="mb-2 text-sm font-semibold text-slate-900">
          Groups
        </h2>
        {v.groups.length === 0 ? <p className="text-sm text-slate-600">Not in any group.</p> : null}
        <ul className="space-y-1.5">
          {v.groups.map((g) => (
            <li key={g.id} className="flex items-center gap-2">
              <Link href={`/groups/${g.id}`} className="min-w-0 flex-1 truncate text-sm font-medium text-brand-800 hover:underline">
                {g.name}
              </Link>
              {g.taxExempt ? <Badge tone="green">Tax-exempt</Badge> : null}
              {canEdit ? (
                <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setLeaving(g)}>
                  Remove<span className="sr-only"> from {g.name}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <form
            className="mt-3 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (groupId) join.mutate({ groupId: Number(groupId), userIds: [userId] });
            }}
          >
            <SelectField
              label="Add to group"
              value={groupId}
              placeholder="Choose a group"
              onChange={(e) => setGroupId(e.target.value)}
              options={(groups.data ?? []).filter((g) => !inGroup.has(g.id)).map((g) => ({ value: String(g.id), label: g.name }))}
              className="min-w-0 flex-1"
            />
            <Button type="submit" disabled={!groupId} loading={join.isPending}>
              Add
            </Button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="user-tags" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="user-tags" className="mb-2 text-sm font-semibold text-slate-900">
          Tags
        </h2>
        {v.tags.length === 0 ? <p className="text-sm text-slate-600">No tags.</p> : null}
        <div className="flex flex-wrap gap-1.5">
          {v.tags.map((t) => (
            <TagChip key={t.id} name={t.name} colour={t.colour} onRemove={canEdit ? () => untag.mutate({ userId, tagId: t.id }) : undefined} />
          ))}
        </div>
        {canEdit ? (
          <form
            className="mt-3 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (tagId) tag.mutate({ userId, tagId: Number(tagId) });
            }}
          >
            <SelectField
              label="Add tag"
              value={tagId}
              placeholder="Choose a tag"
              onChange={(e) => setTagId(e.target.value)}
              options={(tags.data ?? []).filter((t) => !tagged.has(t.id)).map((t) => ({ value: String(t.id), label: t.name }))}
              className="min-w-0 flex-1"
            />
            <Button type="submit" disabled={!tagId} loading={tag.isPending}>
              Add
            </Button>
          </form>
        ) : null}
      </section>
      {failure ? <Alert className="lg:col-span-2">{errorText(failure)}</Alert> : null}
      <ConfirmDialog
        open={leaving !== null}
        onClose={() => setLeaving(null)}
        onConfirm={() => leaving && leave.mutate({ groupId: leaving.id, userIds: [userId] })}
        title={`Remove from ${leaving?.name ?? ""}?`}
        confirmLabel="Remove"
        tone="danger"
        pending={leave.isPending}
      >
        <p>Their smart type, prices and tax status may change. The timeline records it.</p>
      </ConfirmDialog>
    </div>
  );
}
