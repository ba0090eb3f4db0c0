import "server-only";
import type { Database } from "@/db/client";
import { clientIp } from "@/server/auth/request-info";
import type { SessionInfo } from "@/server/services/auth/sessions";

/**
 * What a session-authenticated route handler (not tRPC) needs: the database and the signed-in
 * session. Tests and benchmarks swap the resolver for a fixed database and actor, so handlers run
 * end to end against a real database without next-auth cookies.
 */
export interface RouteContext {
  db: Database;
  session: SessionInfo | null;
  ip: string | null;
}

export type RouteContextResolver = (request: Request) => Promise<RouteContext>;

let override: RouteContextResolver | null = null;

export function setRouteContextResolver(resolver: RouteContextResolver | null): void {
  override = resolver;
}

async function fromNext(request: Request): Promise<RouteContext> {
  // Imported lazily: next-auth and the app database are only needed outside tests.
  const [{ getDb }, { getCurrentSession }] = await Promise.all([import("@/server/db"), import("@/server/auth/session")]);
  return { db: await getDb(), session: await getCurrentSession(), ip: clientIp(request.headers) };
}

export function routeContext(request: Request): Promise<RouteContext> {
  return override ? override(request) : fromNext(request);
}
