"use client";

import { useMembershipNames } from "./use-membership-names";

type Draft = Record<string, string>;

function Choices({ legend, param, options, draft, onChange }: { legend: string; param: string; options: { value: string; label: string }[]; draft: Draft; onChange: (param: string, value: string) => void }) {
  const selected = (draft[param] ?? "").split(",").filter(Boolean);
  const toggle = (v: string) => onChange(param, (selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v]).join(","));
  return (
    <fieldset className="border-b border-slate-200 py-3">
      <legend className="float-left mb-2 w-full text-sm font-semibold text-slate-900">{legend}</legend>
      <div className="clear-left flex flex-wrap gap-x-4 gap-y-1.5">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-8 items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="size-4 accent-brand-600" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Group (any of), tag (any or all of) and smart type filters for the user list's filter drawer. */
export function MembershipFilters({ draft, onChange }: { draft: Draft; onChange: (param: string, value: string) => void }) {
  const names = useMembershipNames();
  const tagCount = (draft.tag ?? "").split(",").filter(Boolean).length;
  return (
    <>
      {names.groups.length ? (
        <Choices legend="Group (member of any)" param="group" options={names.groups.map((g) => ({ value: String(g.id), label: g.name }))} draft={draft} onChange={onChange} />
      ) : null}
      {names.smartTypes.length ? (
        <Choices legend="Smart type" param="smartType" options={names.smartTypes.map((t) => ({ value: String(t.id), label: t.name }))} draft={draft} onChange={onChange} />
      ) : null}
      {names.tags.length ? (
        <>
          <Choices legend="Tags" param="tag" options={names.tags.map((t) => ({ value: String(t.id), label: t.name }))} draft={draft} onChange={onChange} />
          {tagCount > 1 ? (
            <fieldset className="border-b border-slate-200 py-3">
              <legend className="float-left mb-2 w-full text-sm font-semibold text-slate-900">Match tags</legend>
              <div className="clear-left flex flex-wrap gap-x-4">
                {[
                  { value: "", label: "Any of the tags" },
                  { value: "all", label: "All of the tags" },
                ].map((o) => (
                  <label key={o.value} className="inline-flex min-h-8 items-center gap-2 text-sm text-slate-800">
                    <input type="radio" name="filter-tagMode" className="size-4 accent-brand-600" checked={(draft.tagMode ?? "") === o.value} onChange={() => onChange("tagMode", o.value)} />
                    {o.label}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
        </>
      ) : null}
    </>
  );
}
