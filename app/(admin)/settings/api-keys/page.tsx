import type { Metadata } from "next";
import { requireRole } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { ApiKeysClient } from "./api-keys-client";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireRole(["owner"], "/settings/api-keys");
  await prefetch(trpc.apiKeys.list.queryOptions());
  return (
    <HydrateClient>
      <ApiKeysClient />
    </HydrateClient>
  );
}
