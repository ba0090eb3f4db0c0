import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { logoutAction } from "@/app/actions/auth";
import { AccountSections } from "@/components/account/account-sections";
import { AccountMessages } from "@/components/groups/account-messages";
import { LogOutOtherDevices } from "@/components/sessions/log-out-other-devices";
import { requireSession } from "@/server/auth/session";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const session = await requireSession("/account");
  if (session.user.mustChangePassword) redirect("/account/password");
  const { denied } = await searchParams;
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <header className="mb-6 flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <form action={logoutAction}>
          <button type="submit" className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            Log out
          </button>
        </form>
      </header>
      {denied ? (
        <p role="alert" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          That page is for staff only.
        </p>
      ) : null}
      <AccountMessages />
      <section className="rounded-2xl border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">Profile</h2>
        <dl className="mt-3 grid grid-cols-1 gap-2 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-600">Name</dt>
          <dd>{session.user.name}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd>{session.user.email}</dd>
        </dl>
      </section>
      <AccountSections />
      <section aria-labelledby="account-devices" className="mt-6 rounded-2xl border border-slate-200 bg-white p-6">
        <h2 id="account-devices" className="text-lg font-semibold">
          Devices
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Signed in on a shared or lost device? End every other session; this browser stays signed in.
        </p>
        <LogOutOtherDevices />
      </section>
      <section aria-labelledby="account-password" className="mt-6 rounded-2xl border border-slate-200 bg-white p-6">
        <h2 id="account-password" className="text-lg font-semibold">
          Password
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">Changing it signs out your other devices.</p>
        <Link href="/account/password" className="inline-flex h-10 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50">
          Change password
        </Link>
      </section>
    </main>
  );
}
