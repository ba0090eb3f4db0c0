"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, fieldErrors, plural } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { formatDateTime } from "@/components/users/format";
import type { GroupMessage } from "@/server/schemas/groups";

const STATE_TONE = { active: "green", scheduled: "blue", ended: "grey" } as const;

/** A datetime-local value in the browser's time zone. */
function localInput(d: Date): string {
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

/** G5: messages members see on /account while active, until they dismiss them. */
export function MessagesPanel({ groupId, canEdit }: { groupId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const messages = useQuery(trpc.groups.messages.list.queryOptions({ groupId }));
  const [deleting, setDeleting] = useState<GroupMessage | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.groups.messages.list.queryKey({ groupId }) });
  const remove = useMutation(trpc.groups.messages.delete.mutationOptions({ onSuccess: async () => { setDeleting(null); await refresh(); } }));
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">Members see active messages at the top of their account page after logging in, until they dismiss each one.</p>
      {messages.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : messages.isError ? (
        <ErrorState message={messages.error.message} onRetry={() => void messages.refetch()} />
      ) : messages.data.length === 0 ? (
        <EmptyState title="No login messages" />
      ) : (
        <ul className="space-y-3" aria-label="Login messages">
          {messages.data.map((m) => (
            <li key={m.id} className="rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="font-semibold text-slate-900">{m.title}</h3>
                  <p className="text-xs text-slate-600">
                    {formatDateTime(m.startsAt)} – {m.endsAt ? formatDateTime(m.endsAt) : "no end"} · dismissed by {plural(m.dismissals, "member")}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <Badge tone={STATE_TONE[m.state]}>{m.state === "active" ? "Showing now" : m.state === "scheduled" ? "Scheduled" : "Ended"}</Badge>
                  {canEdit ? (
                    <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(m)}>
                      Delete<span className="sr-only"> message {m.title}</span>
                    </Button>
                  ) : null}
                </div>
              </div>
              <p className="mt-2 text-sm whitespace-pre-line text-slate-800">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? <NewMessage groupId={groupId} onAdded={refresh} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        title={`Delete “${deleting?.title ?? ""}”?`}
        confirmLabel="Delete message"
        tone="danger"
        pending={remove.isPending}
        error={remove.isError ? errorText(remove.error) : null}
      >
        <p>Members stop seeing it; who dismissed it is forgotten.</p>
      </ConfirmDialog>
    </div>
  );
}

function NewMessage({ groupId, onAdded }: { groupId: number; onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [startsAt, setStartsAt] = useState(() => localInput(new Date()));
  const [endsAt, setEndsAt] = useState("");
  const create = useMutation(
    trpc.groups.messages.create.mutationOptions({
      onSuccess: async () => {
        setTitle("");
        setBody("");
        await onAdded();
      },
    }),
  );
  const errors = fieldErrors(create.error);
  return (
    <form
      aria-labelledby="new-message"
      className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ groupId, title, body, startsAt: new Date(startsAt), endsAt: endsAt ? new Date(endsAt) : null });
      }}
    >
      <h2 id="new-message" className="text-sm font-semibold text-slate-900">
        New login message
      </h2>
      <TextField label="Title" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      <div>
        <label htmlFor="message-body" className="mb-1 block text-sm font-medium text-slate-700">
          Message
        </label>
        <textarea
          id="message-body"
          required
          rows={4}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
        {errors.body ? <p className="mt-1 text-xs font-medium text-red-700">{errors.body}</p> : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Show from" type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={errors.startsAt} />
        <TextField label="Show until (optional)" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} error={errors.endsAt} />
      </div>
      {create.isError && Object.keys(errors).length === 0 ? <Alert>{errorText(create.error)}</Alert> : null}
      <Button type="submit" variant="primary" loading={create.isPending}>
        Publish message
      </Button>
    </form>
  );
}
