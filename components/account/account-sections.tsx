"use client";

import { useSearchParams } from "next/navigation";
import { Alert } from "@/components/ui/states";
import { DataPanel } from "./data-panel";
import { PreferencesPanel } from "./preferences-panel";

/** C2 on /account: communication preferences, my data, deletion. Works down to a phone's width. */
export function AccountSections() {
  const welcome = useSearchParams().get("welcome") === "1";
  return (
    <>
      {welcome ? (
        <Alert tone="success" className="mt-6">
          Welcome! Your invitation is accepted and you are signed in.
        </Alert>
      ) : null}
      <section aria-labelledby="account-preferences" className="mt-6 rounded-2xl border border-slate-200 bg-white p-6">
        <h2 id="account-preferences" className="text-lg font-semibold">
          Communication preferences
        </h2>
        <PreferencesPanel />
      </section>
      <section aria-labelledby="account-data" className="mt-6 rounded-2xl border border-slate-200 bg-white p-6">
        <h2 id="account-data" className="mb-2 text-lg font-semibold">
          Your data
        </h2>
        <DataPanel />
      </section>
    </>
  );
}
