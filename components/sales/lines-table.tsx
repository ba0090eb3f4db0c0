import { formatMoney } from "@/components/users/format";

export interface LineItem {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

/** An order's or quote's lines: a table on wide screens, stacked rows on a phone. */
export function LinesTable({ lines, currency, caption }: { lines: LineItem[]; currency: string; caption: string }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="hidden text-left text-xs text-slate-600 sm:table-header-group">
        <tr>
          <th scope="col" className="py-1 pr-2 font-medium">Product</th>
          <th scope="col" className="py-1 pr-2 font-medium">SKU</th>
          <th scope="col" className="py-1 pr-2 text-right font-medium">Qty</th>
          <th scope="col" className="py-1 pr-2 text-right font-medium">Unit price</th>
          <th scope="col" className="py-1 text-right font-medium">Total</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={i} className="flex flex-wrap gap-x-3 border-t border-slate-100 py-1.5 sm:table-row">
            <td className="w-full font-medium sm:w-auto sm:py-1.5 sm:pr-2">{l.name}</td>
            <td className="text-slate-600 sm:pr-2">{l.sku}</td>
            <td className="sm:pr-2 sm:text-right">
              <span className="sm:hidden">Qty </span>
              {l.quantity}
            </td>
            <td className="text-slate-600 sm:pr-2 sm:text-right">
              <span className="sm:hidden">× </span>
              {formatMoney(l.unitPriceCents, currency)}
            </td>
            <td className="ml-auto font-medium sm:text-right">{formatMoney(l.lineTotalCents, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
