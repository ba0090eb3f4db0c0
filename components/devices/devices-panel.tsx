"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { LogOutOtherDevices } from "@/components/sessions/log-out-other-devices";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/spinner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { Toast } from "@/components/ui/toast";
import { formatDateTime } from "@/components/users/format";
import { PUSH_ALERT_LABELS, type DeviceView, type PushSubscriptionView } from "@/server/schemas/devices";

export type DevicesScope = { kind: "mine" } | { kind: "user"; userId: number };

type Pending =
  | { kind: "device"; device: DeviceView }
  | { kind: "subscription"; subscription: PushSubscriptionView; device: DeviceView }
  | { kind: "all" }
  | null;

export function deviceName(d: { browser: string | null; os: string | null }): string {
  if (d.browser && d.os) return `${d.browser} on ${d.os}`;
  return d.browser ?? d.os ?? "Unknown browser";
}

/** The devices (sessions) of a staff account with their notification subscriptions (D1–D3). */
export function DevicesPanel({ scope }: { scope: DevicesScope }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(
    scope.kind === "mine" ? trpc.devices.mine.queryOptions() : trpc.devices.list.queryOptions({ userId: scope.userId }),
  );
  const [pending, setPending] = useState<Pending>(null);
  const [toast, setToast] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.devices.pathFilter());
  const done = (message: string) => {
    setPending(null);
    setToast(message);
    void refresh();
  };

  const revoke = useMutation(trpc.devices.revoke.mutationOptions({ onSuccess: () => done("Device removed. It is signed out on its next request.") }));
  const revokeAll = useMutation(
    trpc.devices.revokeAll.mutationOptions({
      onSuccess: (r) => done(r.revoked === 0 ? "No devices were signed in." : `Logged out ${r.revoked} ${r.revoked === 1 ? "device" : "devices"}.`),
    }),
  );
  const removeSub = useMutation(trpc.devices.push.delete.mutationOptions({ onSuccess: () => done("Notifications removed from that device.") }));

  if (list.isPending) {
    return (
      <div role="status" aria-label="Loading devices" className="space-y-3">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (list.isError) {
    return <ErrorState title="Could not load devices" message={list.error.message} onRetry={() => void list.refetch()} retrying={list.isRefetching} />;
  }

  const { devices, canManage, user } = list.data;
  const active = pending?.kind === "device" ? revoke : pending?.kind === "subscription" ? removeSub : revokeAll;
  const confirm = () => {
    if (pending?.kind === "device") revoke.mutate({ sessionId: pending.device.sessionId });
    else if (pending?.kind === "subscription") removeSub.mutate({ id: pending.subscription.id });
    else if (pending?.kind === "all" && scope.kind === "user") revokeAll.mutate({ userId: scope.userId });
  };

  return (
    <section aria-labelledby="devices-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="devices-heading" className="text-lg font-semibold">
            Devices
          </h2>
          <p className="text-sm text-slate-600">
            {devices.length === 1 ? "1 signed-in device" : `${devices.length} signed-in devices`}. Removing a device signs it out on its next
            request.
          </p>
        </div>
        {scope.kind === "mine" ? (
          devices.length > 1 ? <LogOutOtherDevices /> : null
        ) : canManage && devices.length > 0 ? (
          <Button variant="danger" onClick={() => (revokeAll.reset(), setPending({ kind: "all" }))}>
            Log out everywhere
          </Button>
        ) : null}
      </div>

      {devices.length === 0 ? (
        <EmptyState title="No signed-in devices" description={`${user.name} is not signed in anywhere right now.`} />
      ) : (
        <ul className="space-y-3" aria-label="Signed-in devices">
          {devices.map((d) => (
            <li key={d.sessionId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                    <span>{deviceName(d)}</span>
                    {d.current ? <Badge tone="green">This device</Badge> : null}
                  </p>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-600">
                    <dt>IP address</dt>
                    <dd className="break-all">{d.ip ?? "unknown"}</dd>
                    <dt>Signed in</dt>
                    <dd>{formatDateTime(d.createdAt)}</dd>
                    <dt>Last seen</dt>
                    <dd>{formatDateTime(d.lastSeenAt)}</dd>
                  </dl>
                </div>
                {canManage && !d.current ? (
                  <Button
                    size="sm"
                    onClick={() => (revoke.reset(), setPending({ kind: "device", device: d }))}
                    aria-label={`Remove ${deviceName(d)}, signed in ${formatDateTime(d.createdAt)}`}
                  >
                    Remove device
                  </Button>
                ) : null}
              </div>
              <Subscriptions
                device={d}
                canManage={canManage}
                onRemove={(s) => (removeSub.reset(), setPending({ kind: "subscription", subscription: s, device: d }))}
              />
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        onConfirm={confirm}
        tone="danger"
        pending={active.isPending}
        error={active.error?.message ?? null}
        title={
          pending?.kind === "device"
            ? "Remove this device?"
            : pending?.kind === "subscription"
              ? "Remove notifications?"
              : `Log out ${user.name} everywhere?`
        }
        confirmLabel={pending?.kind === "device" ? "Remove device" : pending?.kind === "subscription" ? "Remove notifications" : "Log out everywhere"}
      >
        {pending?.kind === "device" ? (
          <p>
            {deviceName(pending.device)} ({pending.device.ip ?? "unknown IP"}) is signed out on its next request and stops receiving
            notifications.
          </p>
        ) : pending?.kind === "subscription" ? (
          <p>{deviceName(pending.device)} stops receiving web notifications. It stays signed in.</p>
        ) : (
          <p>Every device signed in to this account is signed out on its next request and stops receiving notifications.</p>
        )}
      </ConfirmDialog>
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </section>
  );
}

function Subscriptions({
  device,
  canManage,
  onRemove,
}: {
  device: DeviceView;
  canManage: boolean;
  onRemove: (s: PushSubscriptionView) => void;
}) {
  if (device.subscriptions.length === 0) {
    return <p className="mt-3 text-sm text-slate-600">Web notifications: off</p>;
  }
  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      <p className="text-sm font-medium text-slate-800">Web notifications</p>
      <ul className="mt-1 space-y-2">
        {device.subscriptions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <div className="min-w-0">
              <div className="flex flex-wrap gap-1">
                {s.alerts.map((a) => (
                  <Badge key={a} tone="blue">
                    {PUSH_ALERT_LABELS[a]}
                  </Badge>
                ))}
              </div>
              <p className="mt-0.5 text-xs text-slate-600">
                via {s.service} · since {formatDateTime(s.createdAt)}
                {s.lastError ? ` · last attempt failed: ${s.lastError}` : ""}
              </p>
            </div>
            {canManage ? (
              <Button size="sm" variant="ghost" onClick={() => onRemove(s)} aria-label={`Remove notifications on ${deviceName(device)}`}>
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
