"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/states";
import type { CustomFieldDefinition } from "@/server/schemas/settings";
import { CustomFieldForm, TYPE_LABELS } from "./custom-field-form";
import { messageOf } from "./errors";
import { Section } from "./section";

type Editing = { mode: "create" } | { mode: "edit"; field: CustomFieldDefinition } | null;

export function CustomFieldsSection({ fields }: { fields: CustomFieldDefinition[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<CustomFieldDefinition | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation(
    trpc.settings.customFields.delete.mutationOptions({
      onSuccess: async (res) => {
        setNotice(
          `${deleting?.label ?? "Field"} deleted${res.valuesRemoved ? `; values erased from ${res.valuesRemoved.toLocaleString("en-GB")} users` : ""}.`,
        );
        setDeleting(null);
        await refresh();
      },
    }),
  );

  return (
    <Section
      id="settings-fields"
      title="Custom fields"
      description="Extra details kept on every user record, such as a VAT number or account manager. Values are checked against the field's type."
    >
      {notice ? <Alert tone="success" className="mb-3">{notice}</Alert> : null}
      {fields.length === 0 && editing?.mode !== "create" ? (
        <p className="mb-4 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No custom fields yet.
        </p>
      ) : (
        <ul className="mb-4 divide-y divide-slate-200 rounded-lg border border-slate-200" aria-label="Custom fields">
          {fields.map((field) =>
            editing?.mode === "edit" && editing.field.id === field.id ? (
              <li key={field.id} className="p-3">
                <CustomFieldForm
                  field={field}
                  onCancel={() => setEditing(null)}
                  onSaved={async (label) => {
                    setEditing(null);
                    setNotice(`${label} saved.`);
                    await refresh();
                  }}
                />
              </li>
            ) : (
              <li key={field.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 p-3">
                <div className="min-w-0 flex-1 basis-56">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                    {field.label}
                    <Badge tone="blue">{TYPE_LABELS[field.type]}</Badge>
                    {field.required ? <Badge tone="amber">Required</Badge> : null}
                  </p>
                  <p className="mt-0.5 truncate text-xs text-slate-600">
                    <span className="font-mono">{field.key}</span>
                    {field.type === "select" ? ` · ${field.options.join(", ")}` : ""}
                  </p>
                </div>
                <div className="flex gap-1">
                  <Button
                    size="sm"
                    aria-label={`Edit ${field.label}`}
                    onClick={() => {
                      setNotice(null);
                      setEditing({ mode: "edit", field });
                    }}
                  >
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-700 hover:bg-red-50"
                    aria-label={`Delete ${field.label}`}
                    onClick={() => {
                      remove.reset();
                      setDeleting(field);
                    }}
                  >
                    Delete
                  </Button>
                </div>
              </li>
            ),
          )}
          {editing?.mode === "create" ? (
            <li className="p-3">
              <CustomFieldForm
                onCancel={() => setEditing(null)}
                onSaved={async (label) => {
                  setEditing(null);
                  setNotice(`${label} added.`);
                  await refresh();
                }}
              />
            </li>
          ) : null}
        </ul>
      )}
      {editing?.mode !== "create" ? (
        <Button
          onClick={() => {
            setNotice(null);
            setEditing({ mode: "create" });
          }}
        >
          Add custom field
        </Button>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          open
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          title={`Delete the ${deleting.label} field?`}
          confirmLabel="Delete field and values"
          tone="danger"
          pending={remove.isPending}
          error={remove.isError ? messageOf(remove.error) : null}
          typedConfirmation={deleting.key}
        >
          <p>
            The field disappears from every user record and <strong className="text-slate-900">the values stored in it are erased</strong>. This
            cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
