import type { Metadata } from "next";
import { minorDigits } from "@/components/users/format";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { listInput, parseListState, toSearchParams } from "./list-params";
import { UsersClient } from "./users-client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const queryClient = getQueryClient();
  const [settings] = await Promise.all([
    queryClient.fetchQuery(trpc.settings.get.queryOptions()).catch(() => null),
    prefetch(trpc.session.me.queryOptions()),
  ]);
  // The client derives the same input from the same URL, so these prefetches are its cache hits.
  const state = parseListState(toSearchParams(raw), minorDigits(settings?.currency ?? "GBP"));
  await Promise.all([
    prefetch(trpc.users.summary.queryOptions()),
    queryClient
      .prefetchInfiniteQuery(
        trpc.users.list.infiniteQueryOptions(listInput(state), { getNextPageParam: (page) => page.nextCursor }),
      )
      .catch(() => undefined),
  ]);
  return (
    <HydrateClient>
      <UsersClient />
    </HydrateClient>
  );
}
