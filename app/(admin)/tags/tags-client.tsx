"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorText, fieldErrors, plural } from "@/components/groups/errors";
import { TagChip } from "@/components/groups/tag-chip";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { TAG_COLOURS, type Tag, type TagColour } from "@/server/schemas/tags";

const COLOUR_OPTIONS = TAG_COLOURS.map((c) => ({ value: c, label: c.charAt(0).toUpperCase() + c.slice(1) }));

/** T1: tags with colours and user counts; counts link to the filtered user list. */
export function TagsClient() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.tags.list.queryOptions());
  const me = useQuery(trpc.session.me.queryOptions());
  const canEdit = me.data?.role === "admin" || me.data?.role === "owner";
  const [editing, setEditing] = useState<Tag | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tags.list.queryKey() });
  const remove = useMutation(trpc.tags.delete.mutationOptions({ onSuccess: async () => { setDeleting(null); await refresh(); } }));

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Tags</h1>
        <p className="mt-1 text-sm text-slate-600">Free labels on users. Filter the user list by any or all of them; add or remove them in bulk from the list.</p>
      </div>
      {canEdit ? <TagForm key="new" onDone={refresh} /> : null}
      {tags.isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : tags.isError ? (
        <ErrorState message={tags.error.message} onRetry={() => void tags.refetch()} />
      ) : tags.data.length === 0 ? (
        <EmptyState title="No tags yet" />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Tags">
          {tags.data.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
              {editing?.id === t.id ? (
                <TagForm tag={t} onDone={async () => { setEditing(null); await refresh(); }} onCancel={() => setEditing(null)} />
              ) : (
                <>
                  <span className="min-w-0 flex-1 basis-48">
                    <TagChip name={t.name} colour={t.colour} />
                  </span>
                  <Link href={`/users?tag=${t.id}`} className="text-sm text-slate-700 tabular-nums hover:underline" aria-label={`${plural(t.userCount, "user")} tagged ${t.name}: show them`}>
                    {plural(t.userCount, "user")}
                  </Link>
                  {canEdit ? (
                    <span className="flex gap-1">
                      <Button size="sm" onClick={() => setEditing(t)}>
                        Edit<span className="sr-only"> {t.name}</span>
                      </Button>
                      <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(t)}>
                        Delete<span className="sr-only"> {t.name}</span>
                      </Button>
                    </span>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        title={`Delete the tag “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete tag"
        tone="danger"
        pending={remove.isPending}
        error={remove.isError ? errorText(remove.error) : null}
      >
        <p>It is removed from {plural(deleting?.userCount ?? 0, "user")}; each timeline records it. The users themselves are not changed otherwise.</p>
      </ConfirmDialog>
    </div>
  );
}

function TagForm({ tag, onDone, onCancel }: { tag?: Tag; onDone: () => Promise<unknown>; onCancel?: () => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState(tag?.name ?? "");
  const [colour, setColour] = useState<TagColour>((tag?.colour as TagColour) ?? "blue");
  const create = useMutation(trpc.tags.create.mutationOptions({ onSuccess: async () => { setName(""); await onDone(); } }));
  const update = useMutation(trpc.tags.update.mutationOptions({ onSuccess: () => onDone() }));
  const m = tag ? update : create;
  const errors = fieldErrors(m.error);
  return (
    <form
      aria-label={tag ? `Edit ${tag.name}` : "Add a tag"}
      className="flex w-full flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (tag) update.mutate({ id: tag.id, name, colour });
        else create.mutate({ name, colour });
      }}
    >
      <TextField label={tag ? "Name" : "New tag"} required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} className="min-w-0 flex-1 basis-48" />
      <SelectField label="Colour" value={colour} onChange={(e) => setColour(e.target.value as TagColour)} options={COLOUR_OPTIONS} className="w-36" />
      <span className="pb-2">
        <TagChip name={name || "Preview"} colour={colour} />
      </span>
      <Button type="submit" variant="primary" loading={m.isPending}>
        {tag ? "Save" : "Add tag"}
      </Button>
      {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
      {m.isError && Object.keys(errors).length === 0 ? <Alert className="w-full">{errorText(m.error)}</Alert> : null}
    </form>
  );
}
