"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Checkbox, SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import { CURRENCIES, type SiteSettings } from "@/server/schemas/settings";
import { fieldErrorsOf, messageOf } from "./errors";
import { Section } from "./section";

type Form = Omit<SiteSettings, "passwordExpiryMonths" | "inviteExpiryDays"> & {
  passwordExpiryMonths: string;
  inviteExpiryDays: string;
};

/** Only the site fields: the settings view also carries levels and fields, which this form must not compare. */
function toForm(s: SiteSettings): Form {
  return {
    currency: s.currency,
    doubleOptIn: s.doubleOptIn,
    passwordExpiryMonths: String(s.passwordExpiryMonths),
    inviteExpiryDays: String(s.inviteExpiryDays),
    emailFromName: s.emailFromName,
    emailFromAddress: s.emailFromAddress,
  };
}

const currencyName = (() => {
  try {
    const names = new Intl.DisplayNames(["en-GB"], { type: "currency" });
    return (c: string) => `${c} — ${names.of(c) ?? c}`;
  } catch {
    return (c: string) => c;
  }
})();

export function GeneralSection({ settings }: { settings: SiteSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => toForm(settings));
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: async (next) => {
        setForm(toForm(next));
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
      },
    }),
  );
  const errors = fieldErrorsOf(update.error);
  const initial = toForm(settings);
  const dirty = (Object.keys(initial) as (keyof Form)[]).some((k) => initial[k] !== form[k]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    update.mutate({
      ...form,
      passwordExpiryMonths: Number(form.passwordExpiryMonths),
      inviteExpiryDays: Number(form.inviteExpiryDays),
    });
  };

  return (
    <Section id="settings-general" title="General" description="Currency, sign-up and security rules, and who store emails come from.">
      <form onSubmit={submit} noValidate className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Currency"
            value={form.currency}
            onChange={(e) => set("currency", e.target.value as Form["currency"])}
            options={CURRENCIES.map((c) => ({ value: c, label: currencyName(c) }))}
            hint="Prices, reports and the £/$ icon use it. Stored amounts are not converted."
            error={errors.currency}
          />
          <div className="sm:pt-7">
            <Checkbox
              label="Require double opt-in"
              checked={form.doubleOptIn}
              onChange={(e) => set("doubleOptIn", e.target.checked)}
              hint="New subscribers and accounts must confirm their email address before they count."
              error={errors.doubleOptIn}
            />
          </div>
          <TextField
            label="Password expiry (months)"
            type="number"
            inputMode="numeric"
            min={1}
            max={120}
            value={form.passwordExpiryMonths}
            onChange={(e) => set("passwordExpiryMonths", e.target.value)}
            hint="Accounts with no sign-in for this long must reset their password. 1–120."
            error={errors.passwordExpiryMonths}
          />
          <TextField
            label="Invite expiry (days)"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            value={form.inviteExpiryDays}
            onChange={(e) => set("inviteExpiryDays", e.target.value)}
            hint="How long an invite link stays valid. 1–365."
            error={errors.inviteExpiryDays}
          />
          <TextField
            label="Sender name"
            value={form.emailFromName}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => set("emailFromName", e.target.value)}
            error={errors.emailFromName}
          />
          <TextField
            label="Sender address"
            type="email"
            value={form.emailFromAddress}
            autoComplete="off"
            onChange={(e) => set("emailFromAddress", e.target.value)}
            hint="Must be an address your mail server may send from."
            error={errors.emailFromAddress}
          />
        </div>
        {update.isError && Object.keys(errors).length === 0 ? <Alert>{messageOf(update.error)}</Alert> : null}
        {update.isError && Object.keys(errors).length > 0 ? <Alert>Fix the highlighted fields and save again.</Alert> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" loading={update.isPending} disabled={!dirty}>
            Save changes
          </Button>
          {dirty ? (
            <Button
              variant="ghost"
              onClick={() => {
                update.reset();
                setForm(initial);
              }}
            >
              Discard
            </Button>
          ) : null}
          <span role="status" className="text-sm text-emerald-800">
            {saved && !dirty ? "Saved." : ""}
          </span>
        </div>
      </form>
    </Section>
  );
}
