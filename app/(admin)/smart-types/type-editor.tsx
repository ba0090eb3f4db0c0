"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, fieldErrors, plural } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Alert } from "@/components/ui/states";
import type { SmartType } from "@/server/schemas/smart-types";

/** Create a type (it goes last) or change its name and groups, with the preview count before saving. */
export function TypeEditor({ types, editing, onClose, onSaved }: { types: SmartType[]; editing: SmartType | null; onClose: () => void; onSaved: (msg: string) => Promise<unknown> }) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const [name, setName] = useState(editing?.name ?? "");
  const [groupIds, setGroupIds] = useState<number[]>(editing?.groups.map((g) => g.id) ?? []);
  const layout = {
    items: editing
      ? types.map((t) => ({ id: t.id, groupIds: t.id === editing.id ? groupIds : t.groups.map((g) => g.id) }))
      : [...types.map((t) => ({ id: t.id, groupIds: t.groups.map((g) => g.id) })), { id: null, groupIds }],
  };
  const preview = useQuery({ ...trpc.groups.smartTypes.preview.queryOptions(layout), placeholderData: keepPreviousData, staleTime: 0 });
  const done = (verb: string) => async (res: { changed: number }) => onSaved(`${name} ${verb}. ${plural(res.changed, "user")} changed type.`);
  const create = useMutation(trpc.groups.smartTypes.create.mutationOptions({ onSuccess: done("created") }));
  const update = useMutation(trpc.groups.smartTypes.update.mutationOptions({ onSuccess: done("saved") }));
  const m = editing ? update : create;
  const errors = fieldErrors(m.error);
  const changes = preview.data?.changes;
  const save = () => {
    if (changes === undefined) return;
    if (editing) update.mutate({ id: editing.id, name, groupIds, expectedChanges: changes });
    else create.mutate({ name, groupIds, expectedChanges: changes });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={editing ? `Edit ${editing.name}` : "New smart type"}
      description={editing ? undefined : "New types go to the end of the priority list; move them up afterwards."}
      dismissable={!m.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={m.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={save} loading={m.isPending} disabled={changes === undefined || preview.isFetching}>
            {changes === undefined ? "Save" : `Save (${plural(changes, "user")} change type)`}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <TextField label="Name" required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoFocus />
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Members of any of these groups get this type</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {(groups.data ?? []).map((g) => (
              <label key={g.id} className="inline-flex min-h-8 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  checked={groupIds.includes(g.id)}
                  onChange={(e) => setGroupIds((ids) => (e.target.checked ? [...ids, g.id] : ids.filter((x) => x !== g.id)))}
                />
                {g.name}
              </label>
            ))}
          </div>
          {errors.groupIds ? <p className="mt-1 text-xs font-medium text-red-700">{errors.groupIds}</p> : null}
        </fieldset>
        <div aria-live="polite" className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
          {preview.isPending ? <Spinner label="Counting" /> : preview.isError ? errorText(preview.error) : <strong>{plural(changes ?? 0, "user")} would change type.</strong>}
        </div>
        {m.isError && Object.keys(errors).length === 0 ? <Alert>{errorText(m.error)}</Alert> : null}
      </div>
    </Dialog>
  );
}
