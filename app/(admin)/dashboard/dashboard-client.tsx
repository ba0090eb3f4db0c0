"use client";

import { useQuery } from "@tanstack/react-query";
import { LogOutOtherDevices } from "@/components/sessions/log-out-other-devices";
import { useTRPC } from "@/components/trpc/provider";

export function DashboardClient() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  if (me.isPending) return <p className="text-slate-600">Loading…</p>;
  if (me.isError) return <p role="alert" className="text-red-700">Could not load your account: {me.error.message}</p>;
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {me.data.name}</h1>
      <p className="mt-1 text-slate-600">
        Signed in as <span className="font-medium text-slate-900">{me.data.email}</span> with the{" "}
        <span className="font-medium capitalize text-slate-900">{me.data.role}</span> role.
      </p>
      <section aria-labelledby="dashboard-devices" className="mt-8 max-w-xl rounded-2xl border border-slate-200 bg-white p-6">
        <h2 id="dashboard-devices" className="text-lg font-semibold">
          Devices
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Signed in on a shared or lost device? End every other session; this browser stays signed in.
        </p>
        <LogOutOtherDevices />
      </section>
    </div>
  );
}
