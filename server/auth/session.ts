import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getEnv } from "@/server/env";
import { getDb } from "@/server/db";
import { validateSession, type SessionInfo } from "@/server/services/auth/sessions";
import { STAFF_ROLES, type Role } from "@/server/schemas/common";
import { auth } from "./config";

export type { SessionInfo };

/** The signed-in session, checked against the sessions table once per request. */
export const getCurrentSession = cache(async (): Promise<SessionInfo | null> => {
  const jwt = await auth();
  const sid = jwt?.sessionId;
  if (!sid) return null;
  return validateSession(await getDb(), sid, { idleDays: getEnv().SESSION_IDLE_DAYS });
});

export async function requireSession(next?: string): Promise<SessionInfo> {
  const session = await getCurrentSession();
  if (!session) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  return session;
}

export async function requireRole(roles: readonly Role[], next?: string): Promise<SessionInfo> {
  const session = await requireSession(next);
  if (!roles.includes(session.user.role)) {
    redirect(STAFF_ROLES.includes(session.user.role) ? "/dashboard?denied=1" : "/account?denied=1");
  }
  return session;
}
