"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import { acceptInviteAction, type AcceptState } from "./actions";

const INITIAL: AcceptState = { error: null, fieldErrors: {}, accepted: false };

export function AcceptInviteForm({ token, email, firstName }: { token: string; email: string; firstName: string | null }) {
  const [state, action, pending] = useActionState(acceptInviteAction, INITIAL);
  const [password, setPassword] = useState("");
  const [first, setFirst] = useState(firstName ?? "");
  const [last, setLast] = useState("");
  if (state.accepted) {
    return (
      <div className="space-y-4">
        <Alert tone="warning">{state.error}</Alert>
        <Link href="/login?next=/account" className="block rounded-lg bg-brand-600 px-4 py-2.5 text-center text-sm font-semibold text-white hover:bg-brand-700">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-700">
        Your account: <strong className="break-all">{email}</strong>
      </p>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField label="First name" name="firstName" autoComplete="given-name" value={first} onChange={(e) => setFirst(e.target.value)} maxLength={100} />
        <TextField label="Last name" name="lastName" autoComplete="family-name" value={last} onChange={(e) => setLast(e.target.value)} maxLength={100} />
      </div>
      <NewPasswordField label="Choose a password" name="password" value={password} onChange={setPassword} context={[email, first, last]} error={state.fieldErrors.password} autoFocus />
      {state.error ? <Alert>{state.error}</Alert> : null}
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Accept and sign in
      </Button>
    </form>
  );
}
