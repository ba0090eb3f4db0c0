import type { Metadata } from "next";
import { requireRole } from "@/server/auth/session";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { AuditClient } from "./audit-client";
import { auditListInput, parseAuditParams } from "./audit-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole(["owner", "admin"], "/audit");
  const filter = parseAuditParams(await searchParams);
  await Promise.all([
    prefetch(trpc.audit.facets.queryOptions()),
    getQueryClient()
      .prefetchInfiniteQuery(trpc.audit.list.infiniteQueryOptions(auditListInput(filter), { getNextPageParam: (p) => p.nextCursor }))
      .catch(() => undefined),
  ]);
  return (
    <HydrateClient>
      <AuditClient />
    </HydrateClient>
  );
}
