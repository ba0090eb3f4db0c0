import "server-only";
import { getDb } from "@/server/db";
import { getCurrentSession } from "@/server/auth/session";
import { clientIp } from "@/server/auth/request-info";
import type { TRPCContext } from "./trpc";

export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  return {
    db: await getDb(),
    session: await getCurrentSession(),
    ip: clientIp(opts.headers),
    userAgent: opts.headers.get("user-agent"),
  };
}
