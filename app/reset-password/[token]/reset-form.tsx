"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { fieldError } from "@/components/auth/trpc-field-error";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const [password, setPassword] = useState("");
  const reset = useMutation(trpc.passwords.reset.mutationOptions());

  if (reset.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Your password has been changed. For your safety, every device that was signed in has been signed out.</Alert>
        <Link href="/login" className="block rounded-lg bg-brand-600 px-4 py-2.5 text-center text-sm font-semibold text-white hover:bg-brand-700">
          Sign in
        </Link>
      </div>
    );
  }
  const passwordError = fieldError(reset.error, "password");
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ token, password });
      }}
    >
      <p className="text-sm text-slate-700">
        For <strong className="break-all">{email}</strong>
      </p>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField name="password" value={password} onChange={setPassword} context={[email]} error={passwordError} autoFocus />
      {reset.isError && !passwordError ? <Alert>{fieldError(reset.error, "token") ?? reset.error.message}</Alert> : null}
      <Button type="submit" variant="primary" className="w-full" loading={reset.isPending}>
        Set new password
      </Button>
    </form>
  );
}
