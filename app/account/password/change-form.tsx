"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { fieldError } from "@/components/auth/trpc-field-error";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";

export function ChangePasswordForm({ email, name, home }: { email: string; name: string; home: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useMutation(
    trpc.passwords.change.mutationOptions({
      onSuccess: () => {
        router.push(home);
        router.refresh();
      },
    }),
  );
  const currentError = fieldError(change.error, "currentPassword");
  const nextError = fieldError(change.error, "newPassword");
  if (change.isSuccess) {
    return (
      <Alert tone="success">
        Password changed.{change.data.endedSessions ? ` ${change.data.endedSessions} other session(s) were signed out.` : ""} Taking you back…
      </Alert>
    );
  }
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ currentPassword: current, newPassword: next });
      }}
    >
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={currentError}
      />
      <NewPasswordField name="newPassword" value={next} onChange={setNext} context={[email, ...name.split(" ")]} error={nextError} />
      {change.isError && !currentError && !nextError ? <Alert>{change.error.message}</Alert> : null}
      <p className="text-xs text-slate-600">Your other devices will be signed out; this one stays signed in.</p>
      <Button type="submit" variant="primary" className="w-full" loading={change.isPending}>
        Change password
      </Button>
    </form>
  );
}
