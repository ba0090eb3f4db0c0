"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Alert } from "@/components/ui/states";
import type { CustomerLevel } from "@/server/schemas/settings";
import { fieldErrorsOf, messageOf } from "./errors";
import { Section } from "./section";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export function LevelsSection({ levels }: { levels: CustomerLevel[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CustomerLevel | null>(null);

  const reorder = useMutation(trpc.settings.levels.reorder.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(
    trpc.settings.levels.delete.mutationOptions({
      onSuccess: async (res, vars) => {
        const name = levels.find((l) => l.id === vars.id)?.name ?? "The level";
        setNotice(`${name} deleted. ${plural(res.usersCleared, "user now has", "users now have")} no level.`);
        setDeleting(null);
        await refresh();
      },
    }),
  );

  const move = (index: number, by: -1 | 1) => {
    const ids = levels.map((l) => l.id);
    const [id] = ids.splice(index, 1);
    if (id === undefined) return;
    ids.splice(index + by, 0, id);
    setNotice(null);
    reorder.mutate({ ids });
  };

  return (
    <Section
      id="settings-levels"
      title="Customer levels"
      description="Ordered from entry level to the highest tier. Users can hold one level; filters, bulk actions and pricing use them."
    >
      {notice ? <Alert tone="success" className="mb-3">{notice}</Alert> : null}
      {reorder.isError ? <Alert className="mb-3">{messageOf(reorder.error)}</Alert> : null}
      {levels.length === 0 ? (
        <p className="mb-4 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No levels yet. Add the first one below.
        </p>
      ) : (
        <ol className="mb-4 divide-y divide-slate-200 rounded-lg border border-slate-200" aria-label="Customer levels in order">
          {levels.map((level, i) => (
            <LevelRow
              key={level.id}
              level={level}
              index={i}
              count={levels.length}
              busy={reorder.isPending}
              onMove={(by) => move(i, by)}
              onDelete={() => {
                remove.reset();
                setDeleting(level);
              }}
              onRenamed={refresh}
            />
          ))}
        </ol>
      )}
      <AddLevel onAdded={refresh} />
      {deleting ? (
        <DeleteLevelDialog
          level={deleting}
          pending={remove.isPending}
          error={remove.isError ? messageOf(remove.error) : null}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ id: deleting.id })}
        />
      ) : null}
    </Section>
  );
}

function LevelRow({
  level,
  index,
  count,
  busy,
  onMove,
  onDelete,
  onRenamed,
}: {
  level: CustomerLevel;
  index: number;
  count: number;
  busy: boolean;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
  onRenamed: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(level.name);
  const rename = useMutation(
    trpc.settings.levels.rename.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        await onRenamed();
      },
    }),
  );
  const error = fieldErrorsOf(rename.error).name ?? (rename.isError ? messageOf(rename.error) : null);

  if (editing) {
    return (
      <li className="p-3">
        <form
          className="flex flex-wrap items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate({ id: level.id, name });
          }}
        >
          <TextField
            label={`New name for ${level.name}`}
            hideLabel
            value={name}
            maxLength={60}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
            error={error}
            className="min-w-0 flex-1 basis-48"
          />
          <Button type="submit" variant="primary" loading={rename.isPending}>
            Save
          </Button>
          <Button
            onClick={() => {
              setEditing(false);
              setName(level.name);
              rename.reset();
            }}
          >
            Cancel
          </Button>
        </form>
      </li>
    );
  }

  return (
    <li className="flex flex-wrap items-center gap-2 p-3">
      <span className="w-6 text-right text-sm text-slate-500 tabular-nums" aria-hidden="true">
        {index + 1}.
      </span>
      <span className="min-w-32 flex-1 truncate font-medium text-slate-900">{level.name}</span>
      <div className="flex flex-wrap gap-1">
        <Button size="sm" variant="ghost" aria-label={`Move ${level.name} up`} disabled={index === 0 || busy} onClick={() => onMove(-1)}>
          ↑ <span className="sr-only sm:not-sr-only">Up</span>
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Move ${level.name} down`}
          disabled={index === count - 1 || busy}
          onClick={() => onMove(1)}
        >
          ↓ <span className="sr-only sm:not-sr-only">Down</span>
        </Button>
        <Button size="sm" aria-label={`Rename ${level.name}`} onClick={() => setEditing(true)}>
          Rename
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" aria-label={`Delete ${level.name}`} onClick={onDelete}>
          Delete
        </Button>
      </div>
    </li>
  );
}

function AddLevel({ onAdded }: { onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.settings.levels.create.mutationOptions({
      onSuccess: async () => {
        setName("");
        await onAdded();
      },
    }),
  );
  const error = fieldErrorsOf(create.error).name ?? (create.isError ? messageOf(create.error) : null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name });
      }}
    >
      <TextField
        label="New level"
        placeholder="e.g. Platinum"
        value={name}
        maxLength={60}
        onChange={(e) => {
          setName(e.target.value);
          if (create.isError) create.reset();
        }}
        error={error}
        className="min-w-0 flex-1 basis-48"
      />
      <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
        Add level
      </Button>
    </form>
  );
}

function DeleteLevelDialog({
  level,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  level: CustomerLevel;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const trpc = useTRPC();
  // Counted fresh when the dialog opens: the number must be true at the moment of confirming.
  const usage = useQuery({ ...trpc.settings.levels.usage.queryOptions({ id: level.id }), staleTime: 0 });
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={onConfirm}
      title={`Delete the ${level.name} level?`}
      confirmLabel={usage.data?.users ? `Delete and clear ${plural(usage.data.users, "user", "users")}` : "Delete level"}
      tone="danger"
      pending={pending || usage.isPending}
      error={error ?? (usage.isError ? messageOf(usage.error) : null)}
    >
      {usage.isPending ? (
        <Spinner label="Counting users who hold this level" />
      ) : usage.data ? (
        usage.data.users === 0 ? (
          <p>No users hold {level.name}. Deleting it changes no one.</p>
        ) : (
          <p>
            <strong className="text-slate-900">{plural(usage.data.users, "user holds", "users hold")} {level.name}.</strong> After deleting,
            they will have no level; each of their timelines will record the change. This cannot be undone.
          </p>
        )
      ) : null}
    </ConfirmDialog>
  );
}
