"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { fieldError } from "@/components/auth/trpc-field-error";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";

export function ConfirmButton({ token }: { token: string }) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.email.confirm.mutationOptions());
  if (confirm.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success">
          {confirm.data.purpose === "subscription_confirm"
            ? `Thank you: ${confirm.data.email} is now subscribed to the newsletter.`
            : `Thank you: ${confirm.data.email} is confirmed.`}
        </Alert>
        <Link href="/login" className="block text-center text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">Press the button to confirm that this email address is yours.</p>
      {confirm.isError ? <Alert>{fieldError(confirm.error, "token") ?? confirm.error.message}</Alert> : null}
      <Button variant="primary" className="w-full" loading={confirm.isPending} onClick={() => confirm.mutate({ token })}>
        Confirm
      </Button>
    </div>
  );
}
