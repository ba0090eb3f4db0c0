import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { ProfileClient } from "./profile-client";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  await Promise.all([
    prefetch(trpc.session.me.queryOptions()),
    prefetch(trpc.devices.mine.queryOptions()),
    prefetch(trpc.devices.push.config.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <ProfileClient />
    </HydrateClient>
  );
}
