"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { MembershipFilters } from "@/components/groups/membership-filters";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { capitalise, currencySymbol, formatCount } from "@/components/users/format";
import { ROLES } from "@/server/schemas/common";
import { PROSPECT_STAGES, USER_SOURCES, USER_STATUSES } from "@/server/schemas/users";
import type { CustomerLevel } from "@/server/schemas/settings";
import { CheckboxGroup, Range, Section, TriState, type Draft } from "./filter-fields";
import { FILTER_PARAMS, parseListState } from "./list-params";
import { useDebounced } from "./use-debounced";

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: capitalise(v) }));

function draftFrom(sp: URLSearchParams): Draft {
  const d: Draft = {};
  for (const p of FILTER_PARAMS) {
    const v = sp.get(p);
    if (v && p !== "q") d[p] = v;
  }
  return d;
}

function rangeError(draft: Draft, from: string, to: string, what: string): string | null {
  const a = draft[from];
  const b = draft[to];
  if (!a || !b) return null;
  const bad = /^\d{4}-/.test(a) ? a > b : Number(a) > Number(b);
  return bad ? `The first ${what} must not be after the second.` : null;
}

interface PanelProps {
  onClose: () => void;
  searchParams: URLSearchParams;
  levels: readonly CustomerLevel[];
  currency: string;
  digits: number;
  onApply: (draft: Draft) => void;
}

/** All U2 filters in a drawer; the Apply button previews how many users match. */
export function FiltersPanel({ open, ...props }: PanelProps & { open: boolean }) {
  // Mounted per opening, so the draft starts from the URL each time and stays local until Apply.
  return open ? <FiltersDrawer {...props} /> : null;
}

function FiltersDrawer({ onClose, searchParams, levels, currency, digits, onApply }: PanelProps) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(searchParams));

  const set = (param: string, value: string) =>
    setDraft((d) => {
      const next = { ...d };
      if (value) next[param] = value;
      else delete next[param];
      return next;
    });

  const errors = {
    created: rangeError(draft, "createdFrom", "createdTo", "date"),
    lastOrder: rangeError(draft, "lastOrderFrom", "lastOrderTo", "date"),
    orders: rangeError(draft, "ordersMin", "ordersMax", "number"),
    spend: rangeError(draft, "spendMin", "spendMax", "amount"),
  };
  const invalid = Object.values(errors).some(Boolean);

  const q = searchParams.get("q");
  const debounced = useDebounced(draft, 300);
  const previewFilter = parseListState(new URLSearchParams({ ...debounced, ...(q ? { q } : {}) }), digits).filter;
  const count = useQuery({
    ...trpc.users.count.queryOptions({ filter: previewFilter }),
    enabled: !invalid,
    placeholderData: keepPreviousData,
  });

  const symbol = currencySymbol(currency);
  return (
    <Dialog
      open
      onClose={onClose}
      variant="drawer"
      title="Filters"
      footer={
        <>
          <Button variant="ghost" onClick={() => setDraft({})}>
            Clear all
          </Button>
          <Button variant="primary" disabled={invalid} onClick={() => onApply(draft)}>
            {count.data ? `Show ${formatCount(count.data)} users` : "Show users"}
          </Button>
        </>
      }
    >
      <Section legend="Status">
        <CheckboxGroup param="status" options={opts(USER_STATUSES)} draft={draft} onChange={set} />
      </Section>
      <Section legend="Can log in (active account)">
        <TriState param="active" labels={["Active", "Inactive"]} draft={draft} onChange={set} />
      </Section>
      <Section legend="Newsletter">
        <TriState param="subscribed" labels={["Subscribed", "Not subscribed"]} draft={draft} onChange={set} />
      </Section>
      {levels.length ? (
        <Section legend="Level">
          <CheckboxGroup
            param="level"
            options={levels.map((l) => ({ value: String(l.id), label: l.name }))}
            draft={draft}
            onChange={set}
          />
        </Section>
      ) : null}
      <MembershipFilters draft={draft} onChange={set} />
      <Section legend="Role">
        <CheckboxGroup param="role" options={opts(ROLES)} draft={draft} onChange={set} />
      </Section>
      <Section legend="Source">
        <CheckboxGroup param="source" options={opts(USER_SOURCES)} draft={draft} onChange={set} />
      </Section>
      <Section legend="Prospect stage">
        <CheckboxGroup param="stage" options={opts(PROSPECT_STAGES)} draft={draft} onChange={set} />
      </Section>
      <Section legend="Registered">
        <Range from="createdFrom" to="createdTo" type="date" draft={draft} onChange={set} />
        <FieldError message={errors.created} />
      </Section>
      <Section legend="Order history">
        <TriState param="orders" labels={["Has orders", "No orders"]} draft={draft} onChange={set} />
        <p className="mt-3 mb-1 text-xs font-semibold text-slate-700">Last order</p>
        <Range from="lastOrderFrom" to="lastOrderTo" type="date" draft={draft} onChange={set} />
        <FieldError message={errors.lastOrder} />
        <p className="mt-3 mb-1 text-xs font-semibold text-slate-700">Number of orders</p>
        <Range from="ordersMin" to="ordersMax" type="number" labels={["Min", "Max"]} draft={draft} onChange={set} />
        <FieldError message={errors.orders} />
      </Section>
      <Section legend="Total spend">
        <Range
          from="spendMin"
          to="spendMax"
          type="number"
          prefix={symbol}
          labels={["Min", "Max"]}
          draft={draft}
          onChange={set}
        />
        <FieldError message={errors.spend} />
      </Section>
    </Dialog>
  );
}

function FieldError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="mt-1 text-xs font-medium text-red-700">
      {message}
    </p>
  ) : null;
}
