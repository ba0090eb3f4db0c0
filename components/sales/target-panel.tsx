"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { TargetChart } from "@/components/charts/target-chart";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { formatMoney, minorDigits } from "@/components/users/format";
import { Kpi } from "./ranked-list";

/** R3 on the profile: year to date against the annual target, pace, projection, monthly chart; admins edit. */
export function TargetPanel({ userId, canEdit, currency }: { userId: number; canEdit: boolean; currency: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery(trpc.sales.targets.get.queryOptions({ userId }));
  const [editing, setEditing] = useState(false);
  const [confirmOff, setConfirmOff] = useState(false);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.sales.targets.pathKey() });
  const remove = useMutation(trpc.sales.targets.delete.mutationOptions({ onSuccess: () => void invalidate().then(() => setConfirmOff(false)) }));

  if (q.isPending) return <Skeleton className="h-60 w-full" />;
  if (q.isError) return <ErrorState title="Could not load the sales target" message={q.error.message} onRetry={() => void q.refetch()} />;
  const t = q.data;
  if (!t.enabled || editing) {
    if (!canEdit) return <EmptyState title="No sales target" description="An admin can set an annual target for this user." />;
    return (
      <TargetForm
        userId={userId}
        currency={currency}
        initial={t.enabled ? t.annualTargetCents : null}
        onDone={() => setEditing(false)}
        onCancel={t.enabled ? () => setEditing(false) : undefined}
      />
    );
  }
  const money = (c: number) => formatMoney(c, t.currency);
  const ahead = t.ytdCents >= t.paceCents;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">Sales target {t.year}</h3>
        <Badge tone={ahead ? "green" : "amber"}>{ahead ? "On or ahead of pace" : "Behind pace"}</Badge>
        {canEdit ? (
          <div className="ml-auto flex gap-2">
            <Button size="sm" onClick={() => setEditing(true)}>Change target</Button>
            <Button size="sm" variant="danger" onClick={() => setConfirmOff(true)}>Disable</Button>
          </div>
        ) : null}
      </div>
      <div>
        <div className="flex justify-between text-sm">
          <span>{money(t.ytdCents)} of {money(t.annualTargetCents)}</span>
          <span className="font-semibold">{t.percentOfTarget.toFixed(1)}%</span>
        </div>
        <div
          role="progressbar"
          aria-label="Year to date against the annual target"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.min(100, t.percentOfTarget)}
          aria-valuetext={`${t.percentOfTarget.toFixed(1)}% of target`}
          className="relative mt-1 h-3 rounded bg-slate-100"
        >
          <div className="h-3 rounded bg-brand-600" style={{ width: `${Math.min(100, t.percentOfTarget)}%` }} />
          <div aria-hidden="true" title="Pace today" className="absolute top-[-3px] h-[18px] w-0.5 bg-amber-600" style={{ left: `${Math.min(100, (t.paceCents / t.annualTargetCents) * 100)}%` }} />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Kpi label="Year to date" value={money(t.ytdCents)} />
        <Kpi label="Pace (where they should be today)" value={money(t.paceCents)} />
        <Kpi label="Projection for the year" value={money(t.projectionCents)} />
        <Kpi label="Against pace" value={`${t.percentOfPace.toFixed(1)}%`} />
      </dl>
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <h3 className="text-sm font-semibold">Monthly actual against target</h3>
        <TargetChart months={t.monthly} currency={t.currency} summary={`Monthly sales in ${t.year} against the target: ${money(t.ytdCents)} so far of ${money(t.annualTargetCents)}`} />
      </section>
      <ConfirmDialog
        open={confirmOff}
        onClose={() => setConfirmOff(false)}
        onConfirm={() => remove.mutate({ userId })}
        title="Disable this sales target?"
        confirmLabel="Disable target"
        tone="danger"
        pending={remove.isPending}
        error={remove.error?.message}
      >
        The user drops out of the Sales targets report. Their orders are not affected.
      </ConfirmDialog>
    </div>
  );
}

function TargetForm({ userId, currency, initial, onDone, onCancel }: { userId: number; currency: string; initial: number | null; onDone: () => void; onCancel?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const digits = minorDigits(currency);
  const [value, setValue] = useState(initial === null ? "" : (initial / 10 ** digits).toFixed(digits));
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation(
    trpc.sales.targets.update.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.sales.targets.pathKey() });
        onDone();
      },
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const amount = Number(value.replace(/[,\s]/g, ""));
    if (!Number.isFinite(amount) || amount <= 0) return setLocalError("Enter an amount greater than zero");
    setLocalError(null);
    save.mutate({ userId, annualTargetCents: Math.round(amount * 10 ** digits) });
  };
  return (
    <form onSubmit={submit} className="max-w-md space-y-3 rounded-xl border border-slate-200 bg-white p-4" noValidate>
      <h3 className="text-base font-semibold">{initial === null ? "Enable a sales target" : "Change the sales target"}</h3>
      <TextField
        label={`Annual target (${currency})`}
        inputMode="decimal"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={localError ?? save.error?.data?.fieldErrors?.annualTargetCents ?? null}
        hint="Spread evenly over the calendar year (UTC) to give the pace."
        required
      />
      {save.error && !save.error.data?.fieldErrors ? <Alert>{save.error.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" loading={save.isPending}>
          {initial === null ? "Enable target" : "Save target"}
        </Button>
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
      </div>
    </form>
  );
}
