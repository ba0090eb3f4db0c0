"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { Toast } from "@/components/ui/toast";
import { formatDateTime } from "@/components/users/format";
import { INVITE_STATES, type InviteItem, type InviteState } from "@/server/schemas/invites";
import { InviteDialog } from "./invite-dialog";

const TONE: Record<InviteState, BadgeTone> = { pending: "blue", accepted: "green", expired: "amber", revoked: "grey" };
const label = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function InvitesClient() {
  const trpc = useTRPC();
  const [state, setState] = useState<InviteState | undefined>(undefined);
  const [inviting, setInviting] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const list = useInfiniteQuery(trpc.invites.list.infiniteQueryOptions({ limit: 50, state }, { getNextPageParam: (last) => last.nextCursor }));
  const counts = list.data?.pages[0]?.counts;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = counts ? counts.pending + counts.accepted + counts.expired + counts.revoked : null;

  return (
    <div className="space-y-5">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Invites</h1>
          <p className="text-sm text-slate-600">People invited to open an account. A resend sends a new link and the old one stops working.</p>
        </div>
        <Button variant="primary" onClick={() => setInviting(true)}>
          Invite people
        </Button>
      </header>
      <nav aria-label="Filter by state" className="-mx-1 flex gap-1 overflow-x-auto px-1">
        {[undefined, ...INVITE_STATES].map((s) => (
          <button
            key={s ?? "all"}
            type="button"
            aria-pressed={state === s}
            onClick={() => setState(s)}
            className={`shrink-0 rounded-full border px-3 py-1.5 text-sm font-medium ${state === s ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {s ? label(s) : "All"}
            {counts ? <span className="ml-1 tabular-nums opacity-80">{s ? counts[s] : total}</span> : null}
          </button>
        ))}
      </nav>
      {list.isPending ? (
        <div role="status" aria-label="Loading invites" className="space-y-2">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-16 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <ErrorState title="Could not load invites" message={list.error.message} onRetry={() => void list.refetch()} retrying={list.isRefetching} />
      ) : items.length === 0 ? (
        <EmptyState
          title={state ? `No ${state} invites` : "No invites yet"}
          description="Invite customers by email; they choose their own password."
          action={<Button onClick={() => setInviting(true)}>Invite people</Button>}
        />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Invites">
          {items.map((item) => (
            <InviteRow key={item.id} item={item} onDone={setToast} />
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
      <InviteDialog open={inviting} onClose={() => setInviting(false)} />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}

function InviteRow({ item, onDone }: { item: InviteItem; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<"resend" | "revoke" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invites.list.pathKey() });
  const resend = useMutation(trpc.invites.resend.mutationOptions({ onSuccess: async () => { setConfirm(null); onDone(`New link sent to ${item.email}`); await refresh(); } }));
  const revoke = useMutation(trpc.invites.revoke.mutationOptions({ onSuccess: async () => { setConfirm(null); onDone(`Invite to ${item.email} revoked`); await refresh(); } }));
  const live = item.state === "pending" || item.state === "expired";
  const presets = [item.levelName, ...item.groupNames, ...item.tagNames].filter(Boolean).join(" · ");
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="invite-row">
      <div className="min-w-0 space-y-0.5">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/users/${item.userId}`} className="font-medium break-all text-slate-900 hover:underline">
            {item.email}
          </Link>
          <Badge tone={TONE[item.state]}>{label(item.state)}</Badge>
        </div>
        <p className="text-sm text-slate-600">
          Invited by {item.invitedBy ?? "a former staff member"} · sent {formatDateTime(item.sentAt)}
          {item.sendCount > 1 ? ` (sent ${item.sendCount} times)` : ""}
          {item.state === "accepted" ? ` · accepted ${formatDateTime(item.acceptedAt)}` : ""}
          {item.state === "revoked" ? ` · revoked ${formatDateTime(item.revokedAt)}` : ""}
          {item.state === "pending" ? ` · expires ${formatDateTime(item.expiresAt)}` : ""}
          {item.state === "expired" ? ` · expired ${formatDateTime(item.expiresAt)}` : ""}
        </p>
        {presets ? <p className="text-xs text-slate-600">{presets}</p> : null}
      </div>
      {live ? (
        <div className="flex shrink-0 gap-2">
          <Button size="sm" onClick={() => setConfirm("resend")} aria-label={`Resend invite to ${item.email}`}>
            Resend
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirm("revoke")} aria-label={`Revoke invite to ${item.email}`}>
            Revoke
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirm === "resend"}
        onClose={() => setConfirm(null)}
        onConfirm={() => resend.mutate({ id: item.id })}
        title="Send a new link?"
        confirmLabel="Send new link"
        pending={resend.isPending}
        error={resend.error?.message}
      >
        <p>
          {item.email} gets a fresh invitation email. The link they already have stops working at once.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "revoke"}
        onClose={() => setConfirm(null)}
        onConfirm={() => revoke.mutate({ id: item.id })}
        title="Revoke this invite?"
        confirmLabel="Revoke invite"
        tone="danger"
        pending={revoke.isPending}
        error={revoke.error?.message}
      >
        <p>The link sent to {item.email} stops working. Their record stays; you can invite them again later.</p>
      </ConfirmDialog>
    </li>
  );
}
