"use client";

import { Popover } from "@/components/ui/popover";
import { COLUMNS } from "./columns";

export function ColumnChooser({
  visible,
  onToggle,
  onReset,
}: {
  visible: readonly string[];
  onToggle: (key: string) => void;
  onReset: () => void;
}) {
  return (
    <Popover label="Columns" panelClassName="w-60">
      <fieldset>
        <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">Show columns</legend>
        <ul className="max-h-80 space-y-1 overflow-y-auto">
          {COLUMNS.map((c) => (
            <li key={c.key}>
              <label className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-800 hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  checked={visible.includes(c.key)}
                  onChange={() => onToggle(c.key)}
                />
                {c.label}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="button" onClick={onReset} className="mt-2 text-sm font-medium text-brand-700 hover:underline">
        Reset to default
      </button>
    </Popover>
  );
}
