import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { GroupClient } from "./group-client";

export const metadata: Metadata = { title: "Group" };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) notFound();
  await Promise.all([prefetch(trpc.groups.get.queryOptions({ id })), prefetch(trpc.session.me.queryOptions())]);
  return (
    <HydrateClient>
      <GroupClient id={id} />
    </HydrateClient>
  );
}
