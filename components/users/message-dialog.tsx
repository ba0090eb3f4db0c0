"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { fieldError } from "@/components/auth/trpc-field-error";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";

const FIELDS = ["firstName", "lastName", "company", "email"] as const;

/** U9: compose an email to one user, preview it as they will get it (rendered by the server), send. */
export function MessageDialog({ userId, recipient, onClose, onSent }: { userId: number; recipient: string; onClose: () => void; onSent: (subject: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const bodyId = useId();
  const preview = useMutation(trpc.email.messages.preview.mutationOptions());
  const send = useMutation(
    trpc.email.messages.send.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.timeline.list.infiniteQueryFilter({ userId }));
        onSent(subject);
      },
    }),
  );
  const error = send.error ?? preview.error;
  const subjectError = fieldError(error, "subject");
  const bodyError = fieldError(error, "body");
  const busy = send.isPending;

  const insert = (field: string) => {
    const el = bodyRef.current;
    const tag = `{{${field}}}`;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + tag + body.slice(end));
    preview.reset();
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + tag.length, start + tag.length);
    });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="Send an email"
      description={`To ${recipient}. It is logged on the timeline with its delivery state.`}
      size="lg"
      dismissable={!busy}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={() => preview.mutate({ userId, subject, body })} loading={preview.isPending} disabled={busy}>
            Preview
          </Button>
          <Button variant="primary" onClick={() => send.mutate({ userId, subject, body })} loading={busy}>
            Send email
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <TextField
          label="Subject"
          value={subject}
          onChange={(e) => {
            setSubject(e.target.value);
            preview.reset();
          }}
          maxLength={200}
          required
          error={subjectError}
        />
        <div>
          <label htmlFor={bodyId} className="mb-1 block text-sm font-medium text-slate-700">
            Message
          </label>
          <textarea
            id={bodyId}
            ref={bodyRef}
            rows={8}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              preview.reset();
            }}
            maxLength={10_000}
            required
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={`${bodyId}-hint`}
            className={inputClass(!!bodyError)}
          />
          {bodyError ? <p className="mt-1 text-xs font-medium text-red-700">{bodyError}</p> : null}
          <div id={`${bodyId}-hint`} className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
            <span>Insert a merge field:</span>
            {FIELDS.map((f) => (
              <button key={f} type="button" onClick={() => insert(f)} className="rounded border border-slate-300 px-1.5 py-0.5 font-mono text-slate-800 hover:bg-slate-100">
                {`{{${f}}}`}
              </button>
            ))}
            <span>Blank lines start a new paragraph.</span>
          </div>
        </div>
        {error && !subjectError && !bodyError ? <Alert>{error.message}</Alert> : null}
        {preview.data ? (
          <section aria-label="Preview" className="rounded-lg border border-slate-200">
            <p className="border-b border-slate-200 px-3 py-2 text-sm">
              <span className="text-slate-600">Subject:</span> <strong className="break-words">{preview.data.subject}</strong>
            </p>
            <iframe title="Preview of the email" sandbox="" srcDoc={preview.data.html} className="h-72 w-full rounded-b-lg" />
          </section>
        ) : null}
      </div>
    </Dialog>
  );
}
