"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { Alert } from "@/components/ui/states";

/** G5 on /account: the member's active group messages, each dismissable for good. */
export function AccountMessages() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const messages = useQuery(trpc.groups.messages.mine.queryOptions());
  const dismiss = useMutation(
    trpc.groups.messages.dismiss.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.groups.messages.mine.queryKey() }),
    }),
  );
  if (messages.isPending) return <Skeleton className="mb-6 h-20 w-full" />;
  if (messages.isError) return <Alert className="mb-6">Could not load your messages: {messages.error.message}</Alert>;
  if (messages.data.length === 0) return null;
  return (
    <section aria-labelledby="account-messages" className="mb-6 space-y-3">
      <h2 id="account-messages" className="sr-only">
        Messages for you
      </h2>
      {messages.data.map((m) => (
        <article key={m.id} aria-labelledby={`msg-${m.id}`} className="rounded-2xl border border-brand-100 bg-brand-50 p-5">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="text-xs font-semibold tracking-wide text-brand-800 uppercase">{m.groupName}</p>
              <h3 id={`msg-${m.id}`} className="mt-0.5 text-base font-semibold text-slate-900">
                {m.title}
              </h3>
            </div>
            <Button
              size="sm"
              onClick={() => dismiss.mutate({ id: m.id })}
              loading={dismiss.isPending && dismiss.variables?.id === m.id}
              aria-label={`Dismiss message: ${m.title}`}
            >
              Dismiss
            </Button>
          </div>
          <p className="mt-2 text-sm whitespace-pre-line text-slate-800">{m.body}</p>
        </article>
      ))}
      {dismiss.isError ? <Alert>Could not dismiss: {dismiss.error.message}</Alert> : null}
    </section>
  );
}
