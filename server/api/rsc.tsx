import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { createTRPCContext } from "./context";
import { appRouter, createCaller } from "./root";

const createContext = cache(async () => createTRPCContext({ headers: await headers() }));

export const getQueryClient = cache(makeQueryClient);

/** Server-side options proxy: same query keys as the client's `useTRPC()`, no HTTP hop. */
export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** A server-side caller for Server Components and server actions. */
export const serverCaller = cache(async () => createCaller(await createContext()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/** Fetches into the request's query cache; NOT_FOUND becomes Next's 404 page. */
export async function prefetch<T extends { queryKey: readonly unknown[] }>(options: T): Promise<void> {
  try {
    await getQueryClient().fetchQuery(options as never);
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    if (err instanceof TRPCError && (err.code === "FORBIDDEN" || err.code === "UNAUTHORIZED")) throw err;
    // Other failures render through the client component's error state after hydration.
  }
}
