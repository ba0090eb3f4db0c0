"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Checkbox, SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import { CUSTOM_FIELD_TYPES, type CustomFieldDefinition } from "@/server/schemas/settings";
import { fieldErrorsOf, messageOf } from "./errors";

export const TYPE_LABELS: Record<CustomFieldDefinition["type"], string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  select: "Choice list",
  boolean: "Yes / no",
};

/** "VAT number" → "vat_number": a sensible key while the owner types the label. */
function slugify(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "")
    .slice(0, 63);
  return slug;
}

const parseOptions = (text: string) =>
  text
    .split("\n")
    .map((o) => o.trim())
    .filter(Boolean);

export function CustomFieldForm({
  field,
  onCancel,
  onSaved,
}: {
  field?: CustomFieldDefinition;
  onCancel: () => void;
  onSaved: (label: string) => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const editing = Boolean(field);
  const [label, setLabel] = useState(field?.label ?? "");
  const [key, setKey] = useState(field?.key ?? "");
  const [keyTouched, setKeyTouched] = useState(editing);
  const [type, setType] = useState<CustomFieldDefinition["type"]>(field?.type ?? "text");
  const [required, setRequired] = useState(field?.required ?? false);
  const [options, setOptions] = useState((field?.options ?? []).join("\n"));

  const create = useMutation(trpc.settings.customFields.create.mutationOptions({ onSuccess: (f) => onSaved(f.label) }));
  const update = useMutation(trpc.settings.customFields.update.mutationOptions({ onSuccess: (f) => onSaved(f.label) }));
  const active = editing ? update : create;
  const errors = fieldErrorsOf(active.error);
  const optionsError = errors.options ?? Object.entries(errors).find(([k]) => k.startsWith("options."))?.[1];
  const known = ["label", "key", "type", "options"];
  const other = active.isError && !Object.keys(errors).some((k) => known.includes(k.split(".")[0] ?? "")) ? messageOf(active.error) : null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const opts = type === "select" ? parseOptions(options) : [];
    if (field) update.mutate({ id: field.id, label, required, ...(field.type === "select" ? { options: opts } : {}) });
    else create.mutate({ key, label, type, required, options: opts });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={editing ? `Edit ${field?.label}` : "New custom field"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Label"
          value={label}
          maxLength={100}
          autoFocus
          required
          onChange={(e) => {
            setLabel(e.target.value);
            if (!keyTouched) setKey(slugify(e.target.value));
          }}
          error={errors.label}
        />
        <TextField
          label="Key"
          value={key}
          maxLength={63}
          disabled={editing}
          spellCheck={false}
          autoCapitalize="off"
          onChange={(e) => {
            setKeyTouched(true);
            setKey(e.target.value);
          }}
          hint={editing ? "The key is fixed once created: imports and the API use it." : "Lowercase letters, digits and _; used by imports and the API."}
          error={errors.key}
        />
        <SelectField
          label="Type"
          value={type}
          disabled={editing}
          onChange={(e) => setType(e.target.value as CustomFieldDefinition["type"])}
          options={CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
          hint={editing ? "The type is fixed once created; add a new field to change it." : undefined}
          error={errors.type}
        />
        <div className="sm:pt-7">
          <Checkbox
            label="Required"
            checked={required}
            onChange={(e) => setRequired(e.target.checked)}
            hint="Staff must fill it in when creating or editing a user."
          />
        </div>
      </div>
      {type === "select" ? (
        <div>
          <label htmlFor="cf-options" className="mb-1 block text-sm font-medium text-slate-700">
            Options <span className="font-normal text-slate-600">(one per line)</span>
          </label>
          <textarea
            id="cf-options"
            rows={4}
            value={options}
            onChange={(e) => setOptions(e.target.value)}
            aria-invalid={optionsError ? true : undefined}
            aria-describedby={optionsError ? "cf-options-error" : undefined}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
          />
          {optionsError ? (
            <p id="cf-options-error" className="mt-1 text-xs font-medium text-red-700">
              {optionsError}
            </p>
          ) : editing ? (
            <p className="mt-1 text-xs text-slate-600">Users holding a removed option keep it until their record is next edited.</p>
          ) : null}
        </div>
      ) : null}
      {other ? <Alert>{other}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" loading={active.isPending}>
          {editing ? "Save field" : "Add field"}
        </Button>
        <Button onClick={onCancel} disabled={active.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
