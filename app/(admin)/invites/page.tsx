import type { Metadata } from "next";
import { requireRole } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { InvitesClient } from "./invites-client";

export const metadata: Metadata = { title: "Invites" };

export default async function InvitesPage() {
  await requireRole(["owner", "admin"], "/invites");
  await getQueryClient()
    .prefetchInfiniteQuery(trpc.invites.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (last) => last.nextCursor }))
    .catch(() => undefined);
  return (
    <HydrateClient>
      <InvitesClient />
    </HydrateClient>
  );
}
