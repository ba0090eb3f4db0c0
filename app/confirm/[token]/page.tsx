import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ConfirmButton } from "./confirm-button";

export const metadata: Metadata = { title: "Confirm", referrer: "no-referrer" };

/**
 * Confirmation waits for a click: mail scanners open links on their own, and a GET that confirmed
 * would opt people in without them.
 */
export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthCard title="Confirm your email">
      <ConfirmButton token={token} />
    </AuthCard>
  );
}
