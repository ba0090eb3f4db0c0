"use client";

import { useQuery } from "@tanstack/react-query";
import { DevicesPanel } from "@/components/devices/devices-panel";
import { NotificationsCard } from "@/components/devices/notifications-card";
import { useTRPC } from "@/components/trpc/provider";
import { Skeleton } from "@/components/ui/spinner";

export function ProfileClient() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Your profile</h1>
        {me.data ? (
          <p className="mt-1 text-sm break-all text-slate-600">
            {me.data.name} · {me.data.email} · <span className="capitalize">{me.data.role}</span>
          </p>
        ) : (
          <Skeleton className="mt-2 h-4 w-64" />
        )}
      </header>
      <NotificationsCard />
      <DevicesPanel scope={{ kind: "mine" }} />
    </div>
  );
}
