"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fieldError } from "@/components/auth/trpc-field-error";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const request = useMutation(trpc.passwords.requestReset.mutationOptions());

  if (request.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{request.data.message}</Alert>
        <p className="text-sm text-slate-700">Nothing arrived after a few minutes? Check your spam folder, or try again.</p>
        <Link href="/login" className="block text-center text-sm font-medium text-brand-700 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }
  const emailError = fieldError(request.error, "email");
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate({ email });
      }}
    >
      <p className="text-sm text-slate-700">Enter the email address of your account and we will send you a link to set a new password.</p>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={emailError}
      />
      {request.isError && !emailError ? <Alert>{request.error.message}</Alert> : null}
      <Button type="submit" variant="primary" className="w-full" loading={request.isPending}>
        Email me a link
      </Button>
      <Link href="/login" className="block text-center text-sm font-medium text-brand-700 hover:underline">
        Back to sign in
      </Link>
    </form>
  );
}
