"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Alert } from "@/components/ui/states";
import { capitalise, numberFmt } from "@/components/users/format";
import type { CustomerLevel } from "@/server/schemas/settings";
import { MembershipBulkFields, membershipAction, type MembershipChoice } from "@/components/groups/membership-bulk-fields";
import { USER_STATUSES, type BulkAction, type BulkTarget, type UserStatus } from "@/server/schemas/users";

export type BulkTargetInput = z.input<typeof BulkTarget>;

export type BulkKind = "status" | "level" | "delete" | "group" | "tag";

const TITLES: Record<BulkKind, string> = { status: "Set status", level: "Set level", delete: "Delete users", group: "Groups", tag: "Tags" };
const plural = (n: number) => `${numberFmt.format(n)} user${n === 1 ? "" : "s"}`;

/** U3: choose the change, see how many users it really changes, then confirm exactly that. */
export function BulkDialog({
  kind,
  target,
  levels,
  onClose,
  onDone,
}: {
  kind: BulkKind;
  target: BulkTargetInput;
  levels: readonly CustomerLevel[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<UserStatus>("approved");
  const [levelId, setLevelId] = useState<string>(levels[0] ? String(levels[0].id) : "");
  const [mode, setMode] = useState<"anonymise" | "delete">("anonymise");
  const [typed, setTyped] = useState("");
  const [membership, setMembership] = useState<MembershipChoice>({ op: "add", id: "" });

  const picked = kind === "group" || kind === "tag" ? membershipAction(kind, membership) : null;
  const action: BulkAction =
    picked ? picked
    : kind === "status"
      ? { type: "setStatus", status }
      : kind === "level"
        ? { type: "setLevel", levelId: levelId ? Number(levelId) : null }
        : { type: "delete", mode };

  const preview = useQuery({
    ...trpc.users.bulk.preview.queryOptions({ target, action }),
    enabled: (kind !== "group" && kind !== "tag") || picked !== null,
    staleTime: 0,
    gcTime: 0,
  });
  const apply = useMutation(
    trpc.users.bulk.execute.mutationOptions({
      onSuccess: async (res) => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
        onDone(`${TITLES[kind]}: ${plural(res.changed)} changed.`);
      },
      onError: () => void preview.refetch(),
    }),
  );

  const willChange = preview.data?.willChange ?? 0;
  const needsTyping = kind === "delete" && mode === "delete";
  const ready = preview.isSuccess && !preview.isFetching && willChange > 0 && (!needsTyping || typed.trim() === "DELETE");

  return (
    <Dialog
      open
      onClose={onClose}
      title={TITLES[kind]}
      dismissable={!apply.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={apply.isPending}>
            Cancel
          </Button>
          <Button
            variant={kind === "delete" ? "danger" : "primary"}
            disabled={!ready}
            loading={apply.isPending}
            onClick={() => apply.mutate({ target, action, expectedCount: willChange })}
          >
            {preview.data ? `Confirm: change ${plural(willChange)}` : "Confirm"}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {kind === "status" ? (
          <SelectField
            label="New status"
            value={status}
            onChange={(e) => setStatus(e.target.value as UserStatus)}
            options={USER_STATUSES.map((s) => ({ value: s, label: capitalise(s) }))}
            hint={status === "suspended" ? "Suspended users are signed out everywhere." : undefined}
          />
        ) : null}
        {kind === "level" ? (
          <SelectField
            label="New level"
            value={levelId}
            onChange={(e) => setLevelId(e.target.value)}
            options={[...levels.map((l) => ({ value: String(l.id), label: l.name })), { value: "", label: "No level" }]}
          />
        ) : null}
        {kind === "group" || kind === "tag" ? <MembershipBulkFields kind={kind} value={membership} onChange={setMembership} /> : null}
        {kind === "delete" ? (
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-medium text-slate-700">How to delete</legend>
            <ModeOption checked={mode === "anonymise"} onSelect={() => setMode("anonymise")} title="Anonymise">
              Erase personal data (name, email, phone, address). Orders stay for accounting.
            </ModeOption>
            <ModeOption checked={mode === "delete"} onSelect={() => setMode("delete")} title="Delete entirely">
              Remove the records completely. Only possible for users without orders.
            </ModeOption>
          </fieldset>
        ) : null}

        <div aria-live="polite" className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
          {(kind === "group" || kind === "tag") && !picked ? (
            <span className="text-slate-700">Choose a {kind} to see who this affects.</span>
          ) : preview.isPending || (preview.isFetching && !preview.data) ? (
            <span className="flex items-center gap-2 text-slate-700">
              <Spinner /> Checking who this affects…
            </span>
          ) : preview.isError ? (
            <span className="text-red-800">Could not preview this change: {preview.error.message}</span>
          ) : (
            <>
              <p className="text-base font-semibold text-slate-900">
                This will change {plural(preview.data.willChange)}.
              </p>
              {preview.data.matched !== preview.data.willChange ? (
                <p className="mt-1 text-slate-700">Of {plural(preview.data.matched)} selected:</p>
              ) : null}
              {preview.data.notes.length ? (
                <ul className="mt-2 list-disc space-y-0.5 pl-5 text-slate-700">
                  {preview.data.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </div>

        {needsTyping ? (
          <TextField
            label={
              <>
                Type <span className="font-mono font-semibold">DELETE</span> to confirm
              </>
            }
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
          />
        ) : null}
        {apply.isError ? <Alert>{apply.error.message}</Alert> : null}
      </div>
    </Dialog>
  );
}

function ModeOption({
  checked,
  onSelect,
  title,
  children,
}: {
  checked: boolean;
  onSelect: () => void;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <label
      className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${checked ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
    >
      <input type="radio" name="bulk-delete-mode" checked={checked} onChange={onSelect} className="mt-0.5 size-4 accent-brand-600" />
      <span>
        <span className="block text-sm font-semibold text-slate-900">{title}</span>
        <span className="block text-sm text-slate-700">{children}</span>
      </span>
    </label>
  );
}
