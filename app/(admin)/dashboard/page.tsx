import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { DashboardClient } from "./dashboard-client";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const { denied } = await searchParams;
  await prefetch(trpc.session.me.queryOptions());
  return (
    <HydrateClient>
      {denied ? (
        <p role="alert" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your role does not have access to that page.
        </p>
      ) : null}
      <DashboardClient />
    </HydrateClient>
  );
}
