"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";
import { DetailsFields, useFocusFirstError } from "@/components/users/details-fields";
import {
  changedDetails,
  fieldErrorsOf,
  mergeEdits,
  valuesFromRecord,
  type DetailsValues,
} from "@/components/users/details-model";
import { assignableRoles } from "@/components/users/permissions";
import type { Role } from "@/server/schemas/common";
import type { SettingsView } from "@/server/schemas/settings";
import type { UserRecord } from "@/server/schemas/users";
import { DetailsView } from "./details-view";

interface Editing {
  values: DetailsValues;
  /** What the form started from: the diff base and the version sent for the concurrency check. */
  base: DetailsValues;
  version: number;
}

export function DetailsTab({
  user,
  settings,
  canEdit,
  actorRole,
  isSelf,
}: {
  user: UserRecord;
  settings: SettingsView | undefined;
  canEdit: boolean;
  actorRole: Role | undefined;
  isSelf: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const defs = settings?.customFields ?? [];
  const [editing, setEditing] = useState<Editing | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useFocusFirstError(errors);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [merged, setMerged] = useState(false);

  const start = (record: UserRecord, keep?: Editing) => {
    const base = valuesFromRecord(record, defs);
    setEditing({ values: keep ? mergeEdits(base, keep.base, keep.values) : base, base, version: record.version });
    setConflict(null);
    setErrors({});
    setSaved(false);
  };

  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async (record) => {
        queryClient.setQueryData(trpc.users.get.queryKey({ id: record.id }), record);
        setEditing(null);
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
      },
      onError: (err) => {
        if (err.data?.code === "CONFLICT" && !err.data.fieldErrors) setConflict(err.message);
        setErrors(fieldErrorsOf(err, defs));
      },
    }),
  );

  const dirty = editing !== null && Object.keys(changedDetails(editing.values, editing.base)).length > 0;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const save = () => {
    if (!editing) return;
    const patch = changedDetails(editing.values, editing.base);
    if (!Object.keys(patch).length) return setEditing(null);
    setConflict(null);
    setMerged(false);
    update.mutate({ id: user.id, version: editing.version, patch } as Parameters<typeof update.mutate>[0]);
  };

  const reload = async (keepMine: boolean) => {
    const fresh = await queryClient.fetchQuery({ ...trpc.users.get.queryOptions({ id: user.id }), staleTime: 0 });
    start(fresh, keepMine && editing ? editing : undefined);
    setMerged(keepMine);
  };

  if (!editing) {
    return (
      <div className="space-y-4">
        {saved ? <Alert tone="success">Changes saved.</Alert> : null}
        {canEdit ? (
          <div className="flex justify-end">
            <Button variant="primary" onClick={() => start(user)}>
              Edit details
            </Button>
          </div>
        ) : null}
        <DetailsView user={user} settings={settings} />
      </div>
    );
  }

  const generalError =
    update.isError && !conflict && !Object.keys(errors).length ? update.error.message : null;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if ((e.metaKey || e.ctrlKey) && e.key === "s") {
          e.preventDefault();
          save();
        }
      }}
      aria-label="Edit user details"
    >
      {conflict ? (
        <Alert tone="warning">
          <p className="font-semibold">Not saved: someone else changed this user.</p>
          <p className="mt-1">{conflict}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" onClick={() => void reload(false)}>
              Reload their version
            </Button>
            <Button size="sm" onClick={() => void reload(true)}>
              Apply my edits to their version
            </Button>
          </div>
        </Alert>
      ) : null}
      {merged ? (
        <Alert tone="info">
          Your edits are now on top of their latest version. Check the form, then save.
        </Alert>
      ) : null}
      {Object.keys(errors).length ? (
        <Alert>
          Please fix {Object.keys(errors).length === 1 ? "the highlighted field" : "the highlighted fields"}:{" "}
          {Object.values(errors).join("; ")}
        </Alert>
      ) : null}
      {generalError ? <Alert>{generalError}</Alert> : null}
      <DetailsFields
        values={editing.values}
        onChange={(values) => setEditing({ ...editing, values })}
        errors={errors}
        levels={settings?.levels ?? []}
        customFields={defs}
        roles={isSelf ? [user.role] : assignableRoles(actorRole)}
        showProspectStage={user.source === "prospect" || user.prospectStage !== null}
      />
      <div className="sticky bottom-0 -mx-4 flex justify-end gap-2 border-t border-slate-200 bg-white px-4 py-3 sm:mx-0 sm:rounded-xl sm:border">
        <Button onClick={() => setEditing(null)} disabled={update.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={update.isPending} disabled={!dirty}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
