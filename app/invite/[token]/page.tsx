import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { Alert } from "@/components/ui/states";
import { serverCaller } from "@/server/api/rsc";
import { InviteTokenInput, type InviteLinkState } from "@/server/schemas/invites";
import { AcceptInviteForm } from "./accept-form";

export const metadata: Metadata = { title: "Accept your invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const DEAD: Record<Exclude<InviteLinkState["state"], "valid">, string> = {
  accepted: "This invitation has already been used. If it was you, sign in with the password you chose.",
  revoked: "This invitation was withdrawn and can no longer be used.",
  replaced: "This link was replaced by a newer invitation email. Use the link in the most recent one.",
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
  unknown: "This invitation link is not valid. Check that you copied all of it.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = InviteTokenInput.safeParse({ token });
  const link: InviteLinkState = parsed.success
    ? await (await serverCaller()).invites.checkLink(parsed.data)
    : { state: "unknown", email: null, firstName: null, invitedBy: null, message: null, expiresAt: null };
  if (link.state !== "valid" || !link.email) {
    return (
      <AuthCard title="Invitation">
        <Alert>{DEAD[link.state === "valid" ? "unknown" : link.state]}</Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Accept your invitation">
      <div className="mb-5 space-y-3 text-sm text-slate-700">
        <p>
          <strong>{link.invitedBy ?? "The store"}</strong> invited you to open an account. Choose a password to accept; you will be signed in
          straight away.
        </p>
        {link.message ? (
          <blockquote className="border-l-4 border-brand-200 bg-slate-50 px-3 py-2 whitespace-pre-line text-slate-800">{link.message}</blockquote>
        ) : null}
      </div>
      <AcceptInviteForm token={token} email={link.email} firstName={link.firstName} />
    </AuthCard>
  );
}
