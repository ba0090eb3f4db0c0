"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

const MAX = 5000;

/** A labelled textarea; Ctrl/⌘+Enter submits. */
export function CommentTextarea({
  label,
  value,
  onChange,
  onSubmit,
  error,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
  error?: string | null;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        value={value}
        maxLength={MAX}
        autoFocus={autoFocus}
        placeholder="Add a note for the team: a call, an agreement, a follow-up…"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && value.trim()) {
            e.preventDefault();
            onSubmit();
          }
        }}
        className={inputClass(Boolean(error))}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="sr-only">
          Press Control and Enter to save.
        </p>
      )}
    </div>
  );
}

export function CommentBox({ userId }: { userId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const add = useMutation(
    trpc.timeline.comments.add.mutationOptions({
      onSuccess: async () => {
        setBody("");
        await queryClient.invalidateQueries(trpc.timeline.list.infiniteQueryFilter({ userId }));
      },
    }),
  );
  const submit = () => {
    if (body.trim()) add.mutate({ userId, body });
  };
  return (
    <form
      aria-label="Add a comment"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <CommentTextarea
        label="New comment"
        value={body}
        onChange={(v) => {
          setBody(v);
          if (add.isError) add.reset();
        }}
        onSubmit={submit}
        error={add.isError ? add.error.message : null}
      />
      <div className="flex items-center justify-end gap-3">
        {body.length > MAX - 500 ? (
          <span className="text-xs text-slate-600">
            {body.length.toLocaleString("en-GB")} / {MAX.toLocaleString("en-GB")}
          </span>
        ) : null}
        <Button type="submit" variant="primary" size="sm" loading={add.isPending} disabled={!body.trim()}>
          Post comment
        </Button>
      </div>
    </form>
  );
}
