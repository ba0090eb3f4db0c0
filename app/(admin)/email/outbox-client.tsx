"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { DeliveryBadge } from "@/components/email/delivery-badge";
import { formatDateTime } from "@/components/users/format";
import { EMAIL_STATUSES, type EmailStatus, type OutboxItem } from "@/server/schemas/email";

const STATUS_OPTIONS = [{ value: "", label: "All states" }, ...EMAIL_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))];

const DELIVERY_NOTE = {
  smtp: null,
  mailbox: "No SMTP server is configured: email is delivered to the development mailbox (/dev/mailbox, owners only).",
  none: "No SMTP server is configured (SMTP_URL): email waits here, queued, until one is.",
} as const;

export function OutboxClient() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<EmailStatus | "">("");
  const input = { status: status || undefined, limit: 50 };
  const list = useInfiniteQuery(trpc.email.outbox.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }));
  const first = list.data?.pages[0];
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-5">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Email outbox</h1>
          <p className="text-sm text-slate-600">
            Every email the app sends, with its delivery state. Failed messages can be retried.
          </p>
        </div>
        <SelectField
          label="State"
          value={status}
          onChange={(e) => setStatus(e.target.value as EmailStatus | "")}
          options={STATUS_OPTIONS}
          className="sm:w-48"
        />
      </header>
      {first ? (
        <p className="text-sm text-slate-700" aria-live="polite">
          {first.counts.queued} queued · {first.counts.sending} sending ·{" "}
          <span className={first.counts.failed ? "font-semibold text-red-800" : undefined}>{first.counts.failed} failed</span>
        </p>
      ) : null}
      {first && DELIVERY_NOTE[first.delivery] ? <Alert tone={first.delivery === "none" ? "warning" : "info"}>{DELIVERY_NOTE[first.delivery]}</Alert> : null}

      {list.isPending ? (
        <div role="status" aria-label="Loading email" className="space-y-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <ErrorState title="Could not load the outbox" message={list.error.message} onRetry={() => void list.refetch()} retrying={list.isRefetching} />
      ) : items.length === 0 ? (
        <EmptyState title={status ? `No ${status} email` : "No email yet"} description="Messages appear here as soon as something sends one." />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {items.map((item) => (
            <OutboxRow key={item.id} item={item} />
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.email.outbox.retry.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.email.outbox.list.pathKey() }),
    }),
  );
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-0.5">
        <p className="font-medium break-words text-slate-900">{item.subject}</p>
        <p className="text-sm break-all text-slate-600">
          To {item.toAddress} · {item.kind} · queued {formatDateTime(item.createdAt)}
        </p>
        <p className="text-sm text-slate-600">
          {item.status === "sent"
            ? `Sent ${formatDateTime(item.sentAt)}${item.deliveredVia === "mailbox" ? " to the development mailbox" : ""}`
            : item.status === "queued" && item.attempts > 0
              ? `Attempt ${item.attempts} failed; next try ${formatDateTime(item.nextAttemptAt)}`
              : `${item.attempts} attempt${item.attempts === 1 ? "" : "s"}`}
        </p>
        {item.lastError && item.status !== "sent" ? <p className="text-sm break-words text-red-800">Last error: {item.lastError}</p> : null}
        {retry.isError ? <Alert className="mt-1">{retry.error.message}</Alert> : null}
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <DeliveryBadge state={item.status} />
        {item.status === "failed" ? (
          <Button size="sm" onClick={() => retry.mutate({ id: item.id })} loading={retry.isPending} aria-label={`Retry email to ${item.toAddress}`}>
            Retry
          </Button>
        ) : null}
      </div>
    </li>
  );
}
