import type { Metadata } from "next";
import { requireRole } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { SettingsClient } from "./settings-client";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireRole(["owner"], "/settings");
  await prefetch(trpc.settings.get.queryOptions());
  return (
    <HydrateClient>
      <SettingsClient />
    </HydrateClient>
  );
}
