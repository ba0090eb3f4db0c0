"use client";

import { useState } from "react";
import { fieldErrors } from "@/components/groups/errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";

export interface GroupFormValues {
  name: string;
  description: string;
  taxExempt: boolean;
}

/** Create or edit a group's name, description and tax exemption (G1, G2). */
export function GroupFormDialog({
  title,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  title: string;
  initial: GroupFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (v: GroupFormValues) => void;
  onClose: () => void;
}) {
  const [v, setV] = useState(initial);
  const errors = fieldErrors(error);
  const formId = "group-form";
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      dismissable={!pending}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(v);
        }}
      >
        <TextField label="Name" required maxLength={80} value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} error={errors.name} autoFocus />
        <div>
          <label htmlFor="group-description" className="mb-1 block text-sm font-medium text-slate-700">
            Description
          </label>
          <textarea
            id="group-description"
            rows={3}
            maxLength={1000}
            value={v.description}
            onChange={(e) => setV({ ...v, description: e.target.value })}
            className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
          />
          {errors.description ? <p className="mt-1 text-xs font-medium text-red-700">{errors.description}</p> : null}
        </div>
        <Checkbox
          label="Tax-exempt"
          hint="Every member of a tax-exempt group is tax-exempt at checkout, whatever their other groups."
          checked={v.taxExempt}
          onChange={(e) => setV({ ...v, taxExempt: e.target.checked })}
        />
        {error && Object.keys(errors).length === 0 ? <Alert>{(error as Error).message}</Alert> : null}
      </form>
    </Dialog>
  );
}
