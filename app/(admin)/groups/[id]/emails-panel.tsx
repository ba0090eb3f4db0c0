"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, fieldErrors, plural } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Alert, EmptyState } from "@/components/ui/states";
import { formatDateTime } from "@/components/users/format";
import { GROUP_EMAIL_FIELDS, type GroupListItem } from "@/server/schemas/groups";
import { useDebounced } from "../../users/use-debounced";

/** G4: compose to this group (and others), preview for a member, send to subscribed members only. */
export function EmailsPanel({ group, canEdit }: { group: GroupListItem; canEdit: boolean }) {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.groups.emails.list.queryOptions({ groupId: group.id }));
  return (
    <div className="space-y-5">
      {canEdit ? <Compose group={group} /> : null}
      <section aria-labelledby="sent-emails">
        <h2 id="sent-emails" className="mb-2 text-sm font-semibold text-slate-900">
          Sent to this group
        </h2>
        {campaigns.isPending ? (
          <Spinner />
        ) : campaigns.isError ? (
          <Alert>{campaigns.error.message}</Alert>
        ) : campaigns.data.length === 0 ? (
          <EmptyState title="No group emails yet" />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {campaigns.data.map((c) => (
              <li key={c.id} className="px-4 py-3 text-sm">
                <p className="font-medium text-slate-900">{c.subject}</p>
                <p className="text-slate-600">
                  {formatDateTime(c.createdAt)} · to {c.groupNames.join(", ")} · {plural(c.recipientCount, "recipient")}, {c.skippedCount} skipped
                </p>
                <p className="mt-1 text-slate-800" aria-label="Delivery">
                  Sent {c.delivery.sent} · queued {c.delivery.queued + c.delivery.sending} ·{" "}
                  <span className={c.delivery.failed ? "font-semibold text-red-700" : ""}>failed {c.delivery.failed}</span>
                </p>
                <Recipients id={c.id} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Compose({ group }: { group: GroupListItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const [groupIds, setGroupIds] = useState<number[]>([group.id]);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("Hello {{firstName}},\n\n");
  const [previewUserId, setPreviewUserId] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const draft = useDebounced({ groupIds, subject: subject.trim(), body: body.trim() }, 400);
  const ready = draft.subject.length > 0 && draft.body.length > 0 && draft.groupIds.length > 0;
  const preview = useQuery({
    ...trpc.groups.emails.preview.queryOptions({ ...draft, previewUserId: previewUserId ? Number(previewUserId) : undefined }),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const members = useQuery(trpc.groups.members.list.queryOptions({ groupId: group.id, limit: 20 }));
  const send = useMutation(
    trpc.groups.emails.send.mutationOptions({
      onSuccess: async (res) => {
        setConfirming(false);
        setNotice(`Queued for ${plural(res.recipients, "member")}. Delivery shows below as it happens.`);
        setSubject("");
        await queryClient.invalidateQueries({ queryKey: trpc.groups.emails.list.queryKey() });
      },
    }),
  );
  const errors = fieldErrors(preview.error ?? send.error);
  const p = preview.data;
  return (
    <section aria-labelledby="compose" className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4">
      <h2 id="compose" className="text-sm font-semibold text-slate-900">
        Compose a group email
      </h2>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Send to members of</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {(groups.data ?? []).map((g) => (
            <label key={g.id} className="inline-flex min-h-8 items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-brand-600"
                checked={groupIds.includes(g.id)}
                onChange={(e) => setGroupIds((ids) => (e.target.checked ? [...ids, g.id] : ids.filter((id) => id !== g.id)))}
              />
              {g.name}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField label="Subject" required maxLength={200} value={subject} onChange={(e) => setSubject(e.target.value)} error={errors.subject} />
      <div>
        <label htmlFor="group-email-body" className="mb-1 block text-sm font-medium text-slate-700">
          Message
        </label>
        <textarea
          id="group-email-body"
          rows={6}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby="merge-fields"
          className="block w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
        <p id="merge-fields" className="mt-1 text-xs text-slate-600">
          Merge fields: {GROUP_EMAIL_FIELDS.map((f) => `{{${f}}}`).join(", ")}
        </p>
        {errors.body ? <p className="mt-1 text-xs font-medium text-red-700">{errors.body}</p> : null}
      </div>
      <SelectField
        label="Preview for"
        value={previewUserId}
        onChange={(e) => setPreviewUserId(e.target.value)}
        placeholder="First subscribed member"
        options={(members.data?.items ?? []).map((m) => ({ value: String(m.id), label: `${m.firstName} ${m.lastName} <${m.email}>` }))}
        error={errors.previewUserId}
      />
      <div aria-live="polite" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        {!ready ? (
          <p className="text-slate-600">Write a subject and message to see who gets it.</p>
        ) : preview.isPending ? (
          <Spinner label="Working out recipients" />
        ) : preview.isError && Object.keys(errors).length === 0 ? (
          <p className="text-red-800">{errorText(preview.error)}</p>
        ) : p ? (
          <>
            <p className="font-semibold text-slate-900">{plural(p.recipients, "subscribed member")} will get it.</p>
            {p.skipped.length ? (
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {p.skipped.map((s) => (
                  <li key={s.reason}>
                    {plural(s.count, "member")} skipped: {s.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {p.sample ? (
              <div className="mt-3 border-t border-slate-200 pt-3">
                <p className="text-xs text-slate-600">To {p.sample.to}</p>
                <p className="font-medium">{p.sample.subject}</p>
                <pre className="mt-1 font-sans text-sm whitespace-pre-wrap text-slate-800">{p.sample.text}</pre>
              </div>
            ) : null}
          </>
        ) : null}
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {send.isError && Object.keys(errors).length === 0 ? <Alert>{errorText(send.error)}</Alert> : null}
      <Button
        variant="primary"
        disabled={!p || p.recipients === 0 || preview.isFetching}
        onClick={() => setConfirming(true)}
      >
        {p ? `Send to ${plural(p.recipients, "member")}…` : "Send…"}
      </Button>
      <ConfirmDialog
        open={confirming && p !== undefined}
        onClose={() => setConfirming(false)}
        onConfirm={() => p && send.mutate({ ...draft, expectedRecipients: p.recipients })}
        title={`Send “${draft.subject}”?`}
        confirmLabel={p ? `Send to ${plural(p.recipients, "member")}` : "Send"}
        pending={send.isPending}
        error={send.isError ? errorText(send.error) : null}
      >
        <p>Each subscribed member gets their own copy now; an email cannot be recalled once sent.</p>
      </ConfirmDialog>
    </section>
  );
}

const STATUS_TONE = { sent: "green", queued: "grey", sending: "blue", failed: "red", unknown: "grey" } as const;

/** Per-recipient delivery, fetched only when opened (failed first). */
function Recipients({ id }: { id: number }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const detail = useQuery({ ...trpc.groups.emails.get.queryOptions({ id }), enabled: open });
  return (
    <details className="mt-1" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Recipients and delivery</summary>
      {detail.isPending ? (
        <Spinner />
      ) : detail.isError ? (
        <Alert>{detail.error.message}</Alert>
      ) : (
        <ul className="mt-2 space-y-1">
          {detail.data.recipients.map((r) => (
            <li key={r.userId} className="flex flex-wrap items-center gap-2">
              <Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge>
              <span className="min-w-0 truncate">{r.name || r.email}</span>
              <span className="min-w-0 truncate text-slate-600">{r.email}</span>
              {r.lastError ? <span className="text-red-700">{r.lastError}</span> : null}
            </li>
          ))}
          {detail.data.more ? <li className="text-slate-600">Showing the first 200; failed deliveries are listed first.</li> : null}
        </ul>
      )}
    </details>
  );
}
