"use client";

import { useQuery } from "@tanstack/react-query";
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
    </div>
  );
}
