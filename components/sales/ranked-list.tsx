import { formatMoney } from "@/components/users/format";

export interface RankedItem {
  id: number | null;
  name: string;
  revenueCents: number;
  quantity: number;
  sku?: string;
}

/** A top-N list with a proportional bar; figures are text, the bar only reinforces them. */
export function RankedList({ title, items, currency }: { title: string; items: RankedItem[]; currency: string }) {
  const max = Math.max(1, ...items.map((i) => i.revenueCents));
  return (
    <section aria-label={title} className="rounded-xl border border-slate-200 bg-white p-4">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing bought in this period.</p>
      ) : (
        <ol className="mt-2 space-y-2">
          {items.map((i, n) => (
            <li key={`${i.id}-${n}`} className="text-sm">
              <div className="flex items-baseline justify-between gap-2">
                <span className="min-w-0 truncate" title={i.sku ? `${i.name} (${i.sku})` : i.name}>
                  {i.name}
                </span>
                <span className="shrink-0 font-medium">{formatMoney(i.revenueCents, currency)}</span>
              </div>
              <div className="mt-0.5 flex items-center gap-2">
                <div aria-hidden="true" className="h-1.5 flex-1 rounded bg-slate-100">
                  <div className="h-1.5 rounded bg-brand-600" style={{ width: `${(i.revenueCents / max) * 100}%` }} />
                </div>
                <span className="text-xs text-slate-600">{i.quantity.toLocaleString("en-GB")} sold</span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Kpi({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900">{value}</dd>
    </div>
  );
}
