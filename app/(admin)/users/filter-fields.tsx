"use client";

import { inputClass } from "@/components/ui/field";

/** A draft of the filter query-string params, edited in the panel before Apply. */
export type Draft = Record<string, string>;

export function Section({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="border-b border-slate-200 py-3 last:border-b-0">
      <legend className="float-left mb-2 w-full text-sm font-semibold text-slate-900">{legend}</legend>
      <div className="clear-left">{children}</div>
    </fieldset>
  );
}

export function CheckboxGroup({
  param,
  options,
  draft,
  onChange,
}: {
  param: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  draft: Draft;
  onChange: (param: string, value: string) => void;
}) {
  const selected = (draft[param] ?? "").split(",").filter(Boolean);
  const toggle = (value: string) => {
    const next = selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value];
    onChange(param, next.join(","));
  };
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1.5">
      {options.map((o) => (
        <label key={o.value} className="inline-flex min-h-8 items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="size-4 accent-brand-600"
            checked={selected.includes(o.value)}
            onChange={() => toggle(o.value)}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** Any / yes / no as a radio group (booleans in the URL are "1" / "0"). */
export function TriState({
  param,
  labels,
  draft,
  onChange,
}: {
  param: string;
  labels: [string, string];
  draft: Draft;
  onChange: (param: string, value: string) => void;
}) {
  const value = draft[param] ?? "";
  const options = [
    { value: "", label: "Any" },
    { value: "1", label: labels[0] },
    { value: "0", label: labels[1] },
  ];
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1.5">
      {options.map((o) => (
        <label key={o.value} className="inline-flex min-h-8 items-center gap-2 text-sm text-slate-800">
          <input
            type="radio"
            name={`filter-${param}`}
            className="size-4 accent-brand-600"
            checked={value === o.value}
            onChange={() => onChange(param, o.value)}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function Range({
  from,
  to,
  type,
  draft,
  onChange,
  prefix,
  labels = ["From", "To"],
}: {
  from: string;
  to: string;
  type: "date" | "number";
  draft: Draft;
  onChange: (param: string, value: string) => void;
  prefix?: string;
  labels?: [string, string];
}) {
  const input = (param: string, label: string) => (
    <label className="block min-w-0 flex-1 text-xs font-medium text-slate-700">
      {label}
      {prefix ? ` (${prefix})` : ""}
      <input
        type={type}
        inputMode={type === "number" ? "decimal" : undefined}
        min={type === "number" ? 0 : undefined}
        step={type === "number" ? "any" : undefined}
        value={draft[param] ?? ""}
        onChange={(e) => onChange(param, e.target.value)}
        className={inputClass() + " mt-1"}
      />
    </label>
  );
  return (
    <div className="flex gap-3">
      {input(from, labels[0])}
      {input(to, labels[1])}
    </div>
  );
}
