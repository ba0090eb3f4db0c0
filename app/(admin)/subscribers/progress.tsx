/** A labelled progress bar; without `value` it shows indeterminate work (one transaction, no steps to count). */
export function ProgressBar({ label, value, max }: { label: string; value?: number; max?: number }) {
  const pct = value !== undefined && max ? Math.round((value / max) * 100) : undefined;
  return (
    <div className="space-y-1" role="status" aria-live="polite">
      <div className="flex justify-between text-sm text-slate-700">
        <span>{label}</span>
        {pct !== undefined ? <span className="tabular-nums">{pct}%</span> : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max ?? 100}
        aria-valuenow={value}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full bg-brand-600 ${pct === undefined ? "w-1/3 animate-pulse" : "transition-[width]"}`} style={pct !== undefined ? { width: `${pct}%` } : undefined} />
      </div>
    </div>
  );
}
