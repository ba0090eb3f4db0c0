import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { SmartTypesClient } from "./smart-types-client";

export const metadata: Metadata = { title: "Smart types" };

export default async function SmartTypesPage() {
  await Promise.all([
    prefetch(trpc.groups.smartTypes.list.queryOptions()),
    prefetch(trpc.groups.smartTypes.report.queryOptions()),
    prefetch(trpc.groups.list.queryOptions()),
    prefetch(trpc.session.me.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <SmartTypesClient />
    </HydrateClient>
  );
}
