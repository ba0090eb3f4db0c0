"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert } from "@/components/ui/states";
import { PUSH_ALERTS, type PushAlert } from "@/server/schemas/devices";
import { currentSubscription, pushSupport, subscribeBrowser, unsubscribeBrowser, type PushSupport } from "./push-browser";

const noSubscribe = () => () => {};
const checking = (): PushSupport | "checking" => "checking";

/** Enable web notifications for this browser, choose alerts, send a test (D3). */
export function NotificationsCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const config = useQuery(trpc.devices.push.config.queryOptions());
  const mine = useQuery(trpc.devices.mine.queryOptions());
  const support = useSyncExternalStore<PushSupport | "checking">(noSubscribe, pushSupport, checking);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  // The person's unsaved choice; until they touch a box it follows what is stored.
  const [draft, setDraft] = useState<PushAlert[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (support === "supported") void currentSubscription().then((sub) => setEndpoint(sub?.endpoint ?? null), () => setEndpoint(null));
  }, [support]);

  const subscription = endpoint
    ? mine.data?.devices.flatMap((d) => d.subscriptions).find((s) => s.endpoint === endpoint) ?? null
    : null;
  const alerts = draft ?? subscription?.alerts ?? [...PUSH_ALERTS];

  const refresh = () => queryClient.invalidateQueries(trpc.devices.pathFilter());
  const subscribe = useMutation(trpc.devices.push.subscribe.mutationOptions());
  const update = useMutation(trpc.devices.push.update.mutationOptions({ onSuccess: () => (setNotice("Alerts saved."), void refresh()) }));
  const remove = useMutation(trpc.devices.push.delete.mutationOptions());
  const test = useMutation(
    trpc.devices.push.test.mutationOptions({
      onSuccess: (r) =>
        setNotice(
          r.sent
            ? "Test notification sent. It should appear in a moment."
            : r.removed
              ? "The push service no longer knows this browser; enable notifications again."
              : "The push service did not accept the test notification. Try again later.",
        ),
      onSettled: () => void refresh(),
    }),
  );

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  };

  const enable = (publicKey: string) =>
    run(async () => {
      const sub = await subscribeBrowser(publicKey);
      await subscribe.mutateAsync({ ...sub, alerts });
      setEndpoint(sub.endpoint);
      await refresh();
      setNotice("Notifications are on for this browser.");
    });

  const disable = (id: number) =>
    run(async () => {
      await remove.mutateAsync({ id });
      await unsubscribeBrowser();
      setEndpoint(null);
      await refresh();
      setNotice("Notifications are off for this browser.");
    });

  const toggle = (a: PushAlert, on: boolean) => setDraft(on ? [...new Set([...alerts, a])] : alerts.filter((x) => x !== a));

  let body: React.ReactNode;
  if (config.isPending || mine.isPending || support === "checking") {
    body = <Skeleton className="h-24 w-full" />;
  } else if (config.isError || mine.isError) {
    body = <Alert>{(config.error ?? mine.error)?.message}</Alert>;
  } else if (!config.data.publicKey) {
    body = <Alert tone="info">Web notifications are not configured on this server (an administrator must set the VAPID keys).</Alert>;
  } else if (support !== "supported") {
    body = (
      <Alert tone="info">
        {support === "insecure"
          ? "Web notifications need a secure (https://) connection."
          : "This browser does not support web notifications."}
      </Alert>
    );
  } else {
    const publicKey = config.data.publicKey;
    body = (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          {subscription ? "Notifications are on for this browser." : "Notifications are off for this browser."} The browser asks for
          permission when you turn them on.
        </p>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Alerts</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {config.data.alerts.map((a) => (
              <Checkbox key={a.key} label={a.label} checked={alerts.includes(a.key)} onChange={(e) => toggle(a.key, e.target.checked)} />
            ))}
          </div>
          {alerts.length === 0 ? <p className="mt-1 text-xs font-medium text-red-700">Choose at least one alert.</p> : null}
        </fieldset>
        <div className="flex flex-wrap gap-2">
          {subscription ? (
            <>
              <Button
                variant="primary"
                onClick={() => update.mutate({ id: subscription.id, alerts })}
                loading={update.isPending}
                disabled={alerts.length === 0 || busy}
              >
                Save alerts
              </Button>
              <Button onClick={() => (setNotice(null), test.mutate({ id: subscription.id }))} loading={test.isPending} disabled={busy}>
                Send test notification
              </Button>
              <Button variant="ghost" onClick={() => void disable(subscription.id)} loading={busy}>
                Turn off on this browser
              </Button>
            </>
          ) : (
            <Button variant="primary" onClick={() => void enable(publicKey)} loading={busy} disabled={alerts.length === 0}>
              Enable notifications
            </Button>
          )}
        </div>
      </div>
    );
  }

  const mutationError = update.error?.message ?? test.error?.message ?? null;
  return (
    <section aria-labelledby="notifications-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="notifications-heading" className="text-lg font-semibold">
        Web notifications
      </h2>
      <p className="mb-4 text-sm text-slate-600">Get an alert in this browser when something needs staff attention.</p>
      {body}
      {error || mutationError ? <Alert className="mt-4">{error ?? mutationError}</Alert> : null}
      {notice ? (
        <Alert tone="success" className="mt-4">
          {notice}
        </Alert>
      ) : null}
    </section>
  );
}
