import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/states";
import { requireSession } from "@/server/auth/session";
import { STAFF_ROLES } from "@/server/schemas/common";
import { ChangePasswordForm } from "./change-form";

export const metadata: Metadata = { title: "Change password" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const session = await requireSession("/account/password");
  const forced = session.user.mustChangePassword;
  const home = STAFF_ROLES.includes(session.user.role) ? "/dashboard" : "/account";
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">Change your password</h1>
      {forced ? (
        <Alert tone="warning" className="mb-4">
          An administrator gave you a temporary password. Choose your own password to continue.
        </Alert>
      ) : (
        <Link href={home} className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
          <span aria-hidden="true">←</span> Back
        </Link>
      )}
      <section className="rounded-2xl border border-slate-200 bg-white p-6">
        <ChangePasswordForm email={session.user.email} name={session.user.name} home={home} />
      </section>
    </main>
  );
}
