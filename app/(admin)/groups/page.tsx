import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { GroupsClient } from "./groups-client";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  await Promise.all([prefetch(trpc.groups.list.queryOptions()), prefetch(trpc.session.me.queryOptions())]);
  return (
    <HydrateClient>
      <GroupsClient />
    </HydrateClient>
  );
}
