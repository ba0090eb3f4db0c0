import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { TagsClient } from "./tags-client";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage() {
  await Promise.all([prefetch(trpc.tags.list.queryOptions()), prefetch(trpc.session.me.queryOptions())]);
  return (
    <HydrateClient>
      <TagsClient />
    </HydrateClient>
  );
}
