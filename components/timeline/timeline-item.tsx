"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldLabel, formatValue } from "@/components/audit/diff";
import { DeliveryBadge } from "@/components/email/delivery-badge";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/states";
import { formatDateTime } from "@/components/users/format";
import type { TimelineItem } from "@/server/schemas/timeline";
import { kindLabel, kindTone } from "./kinds";
import { CommentTextarea } from "./comment-box";

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

function changesOf(data: Record<string, unknown>): Change[] {
  const raw = data.changes;
  if (!Array.isArray(raw)) return [];
  return raw.filter((c): c is Change => typeof c === "object" && c !== null && typeof (c as Change).field === "string");
}

export function TimelineEntry({ item, userId }: { item: TimelineItem; userId: number }) {
  const isComment = item.kind === "comment";
  const canChange = isComment && item.mine;
  const body = typeof item.data.body === "string" ? item.data.body : "";
  const changes = changesOf(item.data);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);

  return (
    <li className="relative pb-5 pl-5 last:pb-0">
      <span aria-hidden="true" className="absolute top-1.5 -left-[5.5px] size-2.5 rounded-full bg-slate-400 ring-4 ring-slate-50" />
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <Badge tone={kindTone(item.kind)}>{kindLabel(item.kind)}</Badge>
        {isComment ? null : <span className="font-medium text-slate-900">{item.summary}</span>}
        <DeliveryBadge state={item.data.delivery} error={item.data.error} />
        <span className="text-slate-600">
          {item.mine ? "by you" : item.actorName ? `by ${item.actorName}` : null}
          {item.mine || item.actorName ? " · " : ""}
          <time dateTime={item.createdAt.toISOString()} title={item.createdAt.toISOString()}>
            {formatDateTime(item.createdAt)}
          </time>
          {item.editedAt ? (
            <span title={`Edited ${formatDateTime(item.editedAt)}`}> · edited</span>
          ) : null}
        </span>
      </div>
      {changes.length ? (
        <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
          {changes.map((c, i) => (
            <li key={`${c.field}-${i}`} className="break-words">
              <span className="font-medium">{fieldLabel(c.field)}:</span> {formatValue(c.before)}{" "}
              <span aria-label="changed to" className="text-slate-500">
                →
              </span>{" "}
              {formatValue(c.after)}
            </li>
          ))}
        </ul>
      ) : null}
      {isComment && !editing ? (
        <p className="mt-1 rounded-lg bg-violet-50/60 px-3 py-2 text-sm whitespace-pre-wrap text-slate-800 break-words">{body}</p>
      ) : null}
      {editing ? <EditComment item={item} body={body} userId={userId} onDone={() => setEditing(false)} /> : null}
      {canChange && !editing ? (
        <div className="mt-1 flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label="Edit your comment">
            Edit
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setConfirming(true)} aria-label="Delete your comment">
            Delete
          </Button>
        </div>
      ) : null}
      {confirming ? <DeleteComment id={item.id} userId={userId} onClose={() => setConfirming(false)} /> : null}
    </li>
  );
}

function useInvalidate(userId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.timeline.list.infiniteQueryFilter({ userId }));
}

function EditComment({ item, body, userId, onDone }: { item: TimelineItem; body: string; userId: number; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate(userId);
  const [text, setText] = useState(body);
  const edit = useMutation(
    trpc.timeline.comments.edit.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        edit.mutate({ id: item.id, body: text });
      }}
    >
      <CommentTextarea label="Edit your comment" value={text} onChange={setText} onSubmit={() => edit.mutate({ id: item.id, body: text })} autoFocus />
      {edit.isError ? <Alert>{edit.error.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="primary" loading={edit.isPending} disabled={!text.trim()}>
          Save
        </Button>
        <Button size="sm" onClick={onDone} disabled={edit.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DeleteComment({ id, userId, onClose }: { id: number; userId: number; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate(userId);
  const remove = useMutation(
    trpc.timeline.comments.delete.mutationOptions({
      onSuccess: async () => {
        onClose();
        await invalidate();
      },
    }),
  );
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={() => remove.mutate({ id })}
      title="Delete your comment?"
      confirmLabel="Delete comment"
      tone="danger"
      pending={remove.isPending}
      error={remove.isError ? remove.error.message : null}
    >
      <p>The comment is removed from this timeline. The audit log keeps a record that it was deleted.</p>
    </ConfirmDialog>
  );
}
