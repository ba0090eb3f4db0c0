"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldError } from "@/components/auth/trpc-field-error";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, inputClass } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import type { InviteCreateResult } from "@/server/schemas/invites";

function Picker({ legend, options, chosen, onChange }: { legend: string; options: { id: number; name: string }[]; chosen: number[]; onChange: (ids: number[]) => void }) {
  if (options.length === 0) return null;
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex max-h-32 flex-wrap gap-2 overflow-y-auto">
        {options.map((o) => {
          const on = chosen.includes(o.id);
          return (
            <label key={o.id} className={`inline-flex cursor-pointer items-center gap-1.5 rounded-full border px-3 py-1 text-sm ${on ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700"}`}>
              <input type="checkbox" className="size-4 accent-brand-600" checked={on} onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((id) => id !== o.id))} />
              {o.name}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** I1: paste one or many addresses, preset level, groups and tags, add a personal message. */
export function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery({ ...trpc.settings.get.queryOptions(), enabled: open });
  const groups = useQuery({ ...trpc.groups.list.queryOptions(), enabled: open });
  const tags = useQuery({ ...trpc.tags.list.queryOptions(), enabled: open });
  const [emails, setEmails] = useState("");
  const [levelId, setLevelId] = useState("");
  const [groupIds, setGroupIds] = useState<number[]>([]);
  const [tagIds, setTagIds] = useState<number[]>([]);
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<InviteCreateResult | null>(null);
  const create = useMutation(
    trpc.invites.create.mutationOptions({
      onSuccess: async (r) => {
        setResult(r);
        await queryClient.invalidateQueries({ queryKey: trpc.invites.list.pathKey() });
      },
    }),
  );
  const close = () => {
    setResult(null);
    setEmails("");
    setMessage("");
    create.reset();
    onClose();
  };
  const emailsError = fieldError(create.error, "emails");
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite people"
      description="Each person gets an email with a link to choose their own password. The link works once."
      variant="drawer"
      dismissable={!create.isPending}
      footer={
        result ? (
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={create.isPending}>
              Cancel
            </Button>
            <Button
              variant="primary"
              loading={create.isPending}
              onClick={() => create.mutate({ emails, levelId: levelId ? Number(levelId) : null, groupIds, tagIds, message })}
            >
              Send invites
            </Button>
          </>
        )
      }
    >
      {result ? (
        <div className="space-y-3" aria-live="polite">
          <Alert tone={result.invited ? "success" : "warning"}>
            {result.invited} invited{result.skipped ? `, ${result.skipped} skipped` : ""}.
          </Alert>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm">
            {result.outcomes.map((o) => (
              <li key={o.email} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:justify-between sm:gap-3">
                <span className="break-all text-slate-900">{o.email}</span>
                <span className={o.result === "invited" ? "text-emerald-800" : "text-amber-900"}>{o.result === "invited" ? "Invited" : "Skipped"}{o.note ? `: ${o.note}` : ""}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="space-y-4">
          <div>
            <label htmlFor="invite-emails" className="mb-1 block text-sm font-medium text-slate-700">
              Email addresses
            </label>
            <textarea
              id="invite-emails"
              rows={6}
              value={emails}
              onChange={(e) => setEmails(e.target.value)}
              placeholder={"jane@example.com\nsam@example.com"}
              aria-invalid={emailsError ? true : undefined}
              aria-describedby="invite-emails-hint"
              className={inputClass(!!emailsError)}
            />
            <p id="invite-emails-hint" className={`mt-1 text-xs ${emailsError ? "font-medium text-red-700" : "text-slate-600"}`}>
              {emailsError ?? "One per line, or separated by commas. Up to 500 at a time."}
            </p>
          </div>
          <SelectField
            label="Customer level"
            value={levelId}
            onChange={(e) => setLevelId(e.target.value)}
            placeholder="No level"
            options={(settings.data?.levels ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
            error={fieldError(create.error, "levelId")}
          />
          <Picker legend="Groups" options={groups.data ?? []} chosen={groupIds} onChange={setGroupIds} />
          <Picker legend="Tags" options={tags.data ?? []} chosen={tagIds} onChange={setTagIds} />
          <div>
            <label htmlFor="invite-message" className="mb-1 block text-sm font-medium text-slate-700">
              Personal message (optional)
            </label>
            <textarea id="invite-message" rows={3} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} className={inputClass(false)} />
          </div>
          {create.isError && !emailsError ? <Alert>{create.error.message}</Alert> : null}
        </div>
      )}
    </Dialog>
  );
}
