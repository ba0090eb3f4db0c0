"use client";

import { useEffect } from "react";
import { Checkbox, SelectField, TextField } from "@/components/ui/field";
import type { Role } from "@/server/schemas/common";
import type { CustomFieldDefinition, CustomerLevel } from "@/server/schemas/settings";
import { PROSPECT_STAGES } from "@/server/schemas/users";
import type { DetailsValues } from "./details-model";
import { FIELD_LABELS } from "./details-model";
import { capitalise } from "./format";

type TextKey = Exclude<keyof DetailsValues, "customFields" | "role">;

export function FormSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

/** Every UserDetails field plus the site's custom fields, shared by create and edit. */
export function DetailsFields({
  values,
  onChange,
  errors,
  levels,
  customFields,
  roles,
  showProspectStage,
}: {
  values: DetailsValues;
  onChange: (next: DetailsValues) => void;
  errors: Record<string, string>;
  levels: readonly CustomerLevel[];
  customFields: readonly CustomFieldDefinition[];
  /** Roles the signed-in staff member may give. */
  roles: readonly Role[];
  showProspectStage: boolean;
}) {
  const text = (key: TextKey, props: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField
      label={FIELD_LABELS[key]}
      name={key}
      value={values[key]}
      onChange={(e) => onChange({ ...values, [key]: e.target.value })}
      error={errors[key]}
      {...props}
    />
  );
  const setCustom = (key: string, v: string | boolean) =>
    onChange({ ...values, customFields: { ...values.customFields, [key]: v } });

  return (
    <div className="space-y-4">
      <FormSection title="Personal details">
        {text("firstName", { autoComplete: "off", maxLength: 100 })}
        {text("lastName", { autoComplete: "off", maxLength: 100 })}
        {text("email", { type: "email", required: true, autoComplete: "off", maxLength: 254 })}
        {text("phone", { type: "tel", autoComplete: "off", maxLength: 40 })}
      </FormSection>
      <FormSection title="Company">
        {text("company", { maxLength: 200 })}
        {text("jobTitle", { maxLength: 200 })}
      </FormSection>
      <FormSection title="Address">
        {text("addressLine1", { maxLength: 200 })}
        {text("addressLine2", { maxLength: 200 })}
        {text("city", { maxLength: 100 })}
        {text("region", { maxLength: 100 })}
        {text("postcode", { maxLength: 20 })}
        {text("country", { maxLength: 2, placeholder: "GB", hint: "ISO code, e.g. GB, US, DE" })}
      </FormSection>
      <FormSection title="Account">
        <SelectField
          label={FIELD_LABELS.role}
          value={values.role}
          onChange={(e) => onChange({ ...values, role: e.target.value as Role })}
          options={(roles.includes(values.role) ? roles : [values.role, ...roles]).map((r) => ({
            value: r,
            label: capitalise(r),
          }))}
          disabled={!roles.includes(values.role)}
          error={errors.role}
        />
        <SelectField
          label={FIELD_LABELS.levelId}
          value={values.levelId}
          onChange={(e) => onChange({ ...values, levelId: e.target.value })}
          placeholder="No level"
          options={levels.map((l) => ({ value: String(l.id), label: l.name }))}
          error={errors.levelId}
        />
        {showProspectStage ? (
          <SelectField
            label={FIELD_LABELS.prospectStage}
            value={values.prospectStage}
            onChange={(e) => onChange({ ...values, prospectStage: e.target.value })}
            placeholder="None"
            options={PROSPECT_STAGES.map((s) => ({ value: s, label: capitalise(s) }))}
            error={errors.prospectStage}
          />
        ) : null}
      </FormSection>
      {customFields.length ? (
        <FormSection title="Custom fields">
          {customFields.map((def) => (
            <CustomField
              key={def.key}
              def={def}
              value={values.customFields[def.key] ?? (def.type === "boolean" ? false : "")}
              error={errors[`customFields.${def.key}`]}
              onChange={(v) => setCustom(def.key, v)}
            />
          ))}
        </FormSection>
      ) : null}
    </div>
  );
}

function CustomField({
  def,
  value,
  error,
  onChange,
}: {
  def: CustomFieldDefinition;
  value: string | boolean;
  error?: string;
  onChange: (v: string | boolean) => void;
}) {
  if (def.type === "boolean") {
    return (
      <Checkbox
        className="self-end pb-2"
        label={def.label}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
        error={error}
      />
    );
  }
  if (def.type === "select") {
    return (
      <SelectField
        label={def.label}
        required={def.required}
        value={String(value)}
        onChange={(e) => onChange(e.target.value)}
        placeholder={def.required ? "Choose…" : "None"}
        options={def.options.map((o) => ({ value: o, label: o }))}
        error={error}
      />
    );
  }
  return (
    <TextField
      label={def.label}
      required={def.required}
      type={def.type === "number" ? "number" : def.type === "date" ? "date" : "text"}
      step={def.type === "number" ? "any" : undefined}
      inputMode={def.type === "number" ? "decimal" : undefined}
      value={String(value)}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

/** After a failed save, move focus to the first field with an error so keyboard users land on it. */
export function useFocusFirstError(errors: Record<string, string>) {
  useEffect(() => {
    if (!Object.keys(errors).length) return;
    const el = document.querySelector<HTMLElement>("form [aria-invalid='true']");
    el?.focus();
  }, [errors]);
}
