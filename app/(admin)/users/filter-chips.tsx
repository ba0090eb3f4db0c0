"use client";

import { capitalise, currencySymbol, formatDate } from "@/components/users/format";
import type { CustomerLevel } from "@/server/schemas/settings";
import type { ParamChanges } from "./use-list-url";

interface Chip {
  id: string;
  label: string;
  change: ParamChanges;
}

const MULTI_LABELS: Record<string, string> = {
  status: "Status",
  level: "Level",
  role: "Role",
  source: "Source",
  stage: "Stage",
  group: "Group",
  tag: "Tag",
  smartType: "Smart type",
};
const BOOL_LABELS: Record<string, [string, string]> = {
  active: ["Active", "Inactive"],
  subscribed: ["Subscribed", "Not subscribed"],
  orders: ["Has orders", "No orders"],
};

const day = (v: string) => formatDate(new Date(`${v}T00:00:00Z`));

function range(
  sp: URLSearchParams,
  from: string,
  to: string,
  label: string,
  fmt: (v: string) => string,
): Chip | null {
  const a = sp.get(from);
  const b = sp.get(to);
  if (!a && !b) return null;
  const text = a && b ? `${fmt(a)} – ${fmt(b)}` : a ? `from ${fmt(a)}` : `to ${fmt(b ?? "")}`;
  return { id: from, label: `${label}: ${text}`, change: { [from]: null, [to]: null } };
}

export function buildChips(
  sp: URLSearchParams,
  levels: readonly CustomerLevel[],
  currency: string,
  names: Record<string, Map<string, string>> = {},
): Chip[] {
  const chips: Chip[] = [];
  const q = sp.get("q");
  if (q) chips.push({ id: "q", label: `Search: “${q}”`, change: { q: null } });
  for (const [param, label] of Object.entries(MULTI_LABELS)) {
    const values = (sp.get(param) ?? "").split(",").filter(Boolean);
    for (const v of values) {
      const text =
        param === "level" ? (levels.find((l) => String(l.id) === v)?.name ?? `#${v}`)
        : names[param] ? (names[param].get(v) ?? `#${v}`)
        : capitalise(v);
      chips.push({
        id: `${param}:${v}`,
        label: `${label}: ${text}`,
        change: { [param]: values.filter((x) => x !== v) },
      });
    }
  }
  if (sp.get("tagMode") === "all" && (sp.get("tag") ?? "").includes(",")) {
    chips.push({ id: "tagMode", label: "Tags: all of them", change: { tagMode: null } });
  }
  for (const [param, [yes, no]] of Object.entries(BOOL_LABELS)) {
    const v = sp.get(param);
    if (v === "1" || v === "0") chips.push({ id: param, label: v === "1" ? yes : no, change: { [param]: null } });
  }
  const symbol = currencySymbol(currency);
  const money = (v: string) => `${symbol}${v}`;
  for (const chip of [
    range(sp, "createdFrom", "createdTo", "Registered", day),
    range(sp, "lastOrderFrom", "lastOrderTo", "Last order", day),
    range(sp, "ordersMin", "ordersMax", "Orders", (v) => v),
    range(sp, "spendMin", "spendMax", "Spend", money),
  ]) {
    if (chip) chips.push(chip);
  }
  return chips;
}

export function FilterChips({
  chips,
  onRemove,
  onClear,
}: {
  chips: Chip[];
  onRemove: (change: ParamChanges) => void;
  onClear: () => void;
}) {
  if (!chips.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5" aria-label="Active filters" role="group">
      {chips.map((chip) => (
        <span
          key={chip.id}
          className="inline-flex max-w-full items-center gap-1 rounded-full border border-slate-300 bg-white py-0.5 pr-1 pl-2.5 text-xs font-medium text-slate-800"
        >
          <span className="truncate">{chip.label}</span>
          <button
            type="button"
            onClick={() => onRemove(chip.change)}
            aria-label={`Remove filter ${chip.label}`}
            className="rounded-full p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3" fill="currentColor">
              <path d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z" />
            </svg>
          </button>
        </span>
      ))}
      <button type="button" onClick={onClear} className="ml-1 text-xs font-semibold text-brand-700 hover:underline">
        Clear all
      </button>
    </div>
  );
}
