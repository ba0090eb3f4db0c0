"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button, buttonClass } from "@/components/ui/button";
import { Checkbox, SelectField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import { DetailsFields, FormSection, useFocusFirstError } from "@/components/users/details-fields";
import { emptyValues, fieldErrorsOf, toDetails, type DetailsValues } from "@/components/users/details-model";
import { capitalise } from "@/components/users/format";
import { assignableRoles } from "@/components/users/permissions";
import { USER_SOURCES, USER_STATUSES, type UserSource, type UserStatus } from "@/server/schemas/users";

/** U5: create a user by hand, then land on their record. */
export function CreateForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const me = useQuery(trpc.session.me.queryOptions());
  const defs = settings.data?.customFields ?? [];
  const [values, setValues] = useState<DetailsValues>(() => emptyValues(defs));
  const [status, setStatus] = useState<UserStatus>("approved");
  const [source, setSource] = useState<UserSource>("manual");
  const [subscribed, setSubscribed] = useState(false);
  const [sendInvite, setSendInvite] = useState(false);
  const invite = useMutation(trpc.invites.createForUser.mutationOptions());
  const [errors, setErrors] = useState<Record<string, string>>({});
  useFocusFirstError(errors);

  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async ({ id }) => {
        // U5 "Send invite": the record exists either way; a refused invite is shown on the record's page.
        const invited = sendInvite ? await invite.mutateAsync({ userId: id, message: null }).then(() => "1", (e: Error) => e.message) : null;
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
        router.push(invited && invited !== "1" ? `/users/${id}?inviteError=${encodeURIComponent(invited)}` : `/users/${id}`);
      },
      onError: (err) => setErrors(fieldErrorsOf(err, defs)),
    }),
  );

  const submit = () => {
    setErrors({});
    const details = toDetails(values);
    // Custom fields left blank are simply not set.
    const customFields = Object.fromEntries(
      Object.entries(values.customFields).filter(([, v]) => v !== "" && v !== false),
    );
    create.mutate({ ...details, customFields, status, source, subscribed } as Parameters<typeof create.mutate>[0]);
  };

  const errorCount = Object.keys(errors).length;
  return (
    <form
      noValidate
      className="mx-auto max-w-3xl space-y-4"
      aria-labelledby="new-user-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Link href="/users" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
        <span aria-hidden="true">←</span> Users
      </Link>
      <h1 id="new-user-title" className="text-2xl font-semibold tracking-tight">
        Add user
      </h1>
      {errorCount ? (
        <Alert>
          Not created. Please fix {errorCount === 1 ? "the highlighted field" : "the highlighted fields"}:{" "}
          {Object.values(errors).join("; ")}
        </Alert>
      ) : create.isError ? (
        <Alert>{create.error.message}</Alert>
      ) : null}
      <DetailsFields
        values={values}
        onChange={setValues}
        errors={errors}
        levels={settings.data?.levels ?? []}
        customFields={defs}
        roles={assignableRoles(me.data?.role)}
        showProspectStage={source === "prospect"}
      />
      <FormSection title="Status and consent">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as UserStatus)}
          options={USER_STATUSES.map((s) => ({ value: s, label: capitalise(s) }))}
          error={errors.status}
        />
        <SelectField
          label="Source"
          value={source}
          onChange={(e) => setSource(e.target.value as UserSource)}
          options={USER_SOURCES.map((s) => ({ value: s, label: capitalise(s) }))}
          error={errors.source}
        />
        <Checkbox
          label="Send an invite email"
          hint="They get a single-use link to choose their own password."
          checked={sendInvite}
          onChange={(e) => setSendInvite(e.target.checked)}
        />
        <Checkbox
          label="Subscribed to the newsletter"
          hint="Only tick this if the person agreed to receive it."
          checked={subscribed}
          onChange={(e) => setSubscribed(e.target.checked)}
        />
      </FormSection>
      <div className="sticky bottom-0 -mx-4 flex justify-end gap-2 border-t border-slate-200 bg-white px-4 py-3 sm:mx-0 sm:rounded-xl sm:border">
        <Link href="/users" className={buttonClass("secondary")}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" loading={create.isPending}>
          Create user
        </Button>
      </div>
    </form>
  );
}
