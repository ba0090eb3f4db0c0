import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { RecordClient } from "./record-client";

export const metadata: Metadata = { title: "User" };

export default async function UserRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) notFound();
  await Promise.all([
    prefetch(trpc.users.get.queryOptions({ id })),
    prefetch(trpc.settings.get.queryOptions()),
    prefetch(trpc.session.me.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <RecordClient id={id} />
    </HydrateClient>
  );
}
