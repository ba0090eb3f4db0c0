"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, ErrorState } from "@/components/ui/states";
import { CONSENT_KINDS, CONSENT_LABELS, type ConsentKind } from "@/server/schemas/account";

/** C2: newsletter and communication preferences; every switch is saved at once and logged as consent. */
export function PreferencesPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.account.preferences.get.queryOptions());
  const update = useMutation(
    trpc.account.preferences.update.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.account.preferences.get.queryKey(), data),
    }),
  );
  if (prefs.isPending) return <Skeleton className="h-32 w-full" />;
  if (prefs.isError) return <ErrorState title="Could not load your preferences" message={prefs.error.message} onRetry={() => void prefs.refetch()} />;
  const data = prefs.data;
  const value = (k: ConsentKind) => (k === "newsletter" ? data.newsletter || data.newsletterAwaitingConfirmation : data[k]);
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-200">
        {CONSENT_KINDS.map((k) => (
          <li key={k} className="flex items-start justify-between gap-4 py-3">
            <label htmlFor={`pref-${k}`} className="min-w-0">
              <span className="block text-sm font-medium text-slate-900">{CONSENT_LABELS[k].label}</span>
              <span className="block text-sm text-slate-600">{CONSENT_LABELS[k].hint}</span>
              {k === "newsletter" && data.newsletterAwaitingConfirmation ? (
                <span className="mt-1 block text-sm font-medium text-amber-900">Check your inbox: confirm with the link we emailed you.</span>
              ) : null}
            </label>
            <input
              id={`pref-${k}`}
              type="checkbox"
              role="switch"
              className="mt-1 size-5 shrink-0 accent-brand-600"
              checked={value(k)}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ [k]: e.target.checked })}
            />
          </li>
        ))}
      </ul>
      {update.isError ? <Alert>{update.error.message}</Alert> : null}
      {update.isSuccess ? <Alert tone="success">Saved. We keep a record of what you chose and when.</Alert> : null}
    </div>
  );
}
