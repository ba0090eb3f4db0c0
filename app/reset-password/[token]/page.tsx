import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { Alert } from "@/components/ui/states";
import { serverCaller } from "@/server/api/rsc";
import { EmailToken } from "@/server/schemas/passwords";
import { ResetPasswordForm } from "./reset-form";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const REASONS = {
  used: "This link has already been used. Each link works once.",
  expired: "This link has expired: links work for 1 hour.",
  unknown: "This link is not valid. Check that you copied all of it.",
} as const;

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = EmailToken.safeParse(token);
  const state = parsed.success ? await (await serverCaller()).passwords.checkToken({ token: parsed.data }) : { state: "unknown" as const, email: null };
  return (
    <AuthCard title="Set a new password">
      {state.state === "valid" ? (
        <ResetPasswordForm token={token} email={state.email ?? ""} />
      ) : (
        <div className="space-y-4">
          <Alert>{REASONS[state.state]}</Alert>
          <Link href="/forgot-password" className="block text-center text-sm font-medium text-brand-700 hover:underline">
            Ask for a new link
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
