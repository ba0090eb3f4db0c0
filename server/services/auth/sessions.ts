import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { pushSubscriptions, sessions, users } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor, ServiceContext } from "../core/context";
import { recordAudit } from "../core/audit";

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

export interface SessionInfo {
  sessionId: string;
  user: Actor & { mustChangePassword: boolean };
}

const LAST_SEEN_THROTTLE_MS = 60_000;

/**
 * The check behind every request: the session row exists, is not revoked or idle-expired, and its
 * user may still log in. Touches last-seen at most once a minute and last-active once a day.
 */
export async function validateSession(
  db: Database,
  sessionId: string,
  opts: { idleDays: number; now?: Date },
): Promise<SessionInfo | null> {
  const now = opts.now ?? new Date();
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      role: users.role,
      mustChangePassword: users.mustChangePassword,
      lastActiveAt: users.lastActiveAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(users.status, "approved"),
        isNull(users.anonymisedAt),
      ),
    )
    .limit(1);
  if (!row) return null;

  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_THROTTLE_MS) {
    const expiresAt = new Date(now.getTime() + opts.idleDays * 86_400_000);
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt })
      .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, new Date(now.getTime() - LAST_SEEN_THROTTLE_MS))));
  }
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (!row.lastActiveAt || row.lastActiveAt < dayStart) {
    // Once a day per user keeps the per-day activity counters from becoming hot rows.
    await db
      .update(users)
      .set({ lastActiveAt: now })
      .where(and(eq(users.id, row.userId), or(isNull(users.lastActiveAt), lt(users.lastActiveAt, dayStart))));
  }
  return {
    sessionId: row.sessionId,
    user: {
      id: row.userId,
      email: row.email,
      name: `${row.firstName} ${row.lastName}`.trim() || row.email,
      role: row.role,
      sessionId: row.sessionId,
      mustChangePassword: row.mustChangePassword,
    },
  };
}

export async function revokeSession(ctx: ServiceContext, sessionId: string, reason: string): Promise<boolean> {
  const revoked = await ctx.db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id, userId: sessions.userId, browser: sessions.browser, os: sessions.os, ip: sessions.ip });
  const first = revoked[0];
  if (!first) return false;
  await dropPushSubscriptions(ctx, [first.id]);
  if (reason !== "logout") {
    await recordAudit(ctx, {
      action: "session.revoke",
      targetType: "user",
      targetId: first.userId,
      after: { reason, browser: first.browser, os: first.os, ip: first.ip },
    });
  }
  return true;
}

/** A device that is signed out must stop receiving staff notifications too. */
async function dropPushSubscriptions(ctx: ServiceContext, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await ctx.db.delete(pushSubscriptions).where(inArray(pushSubscriptions.sessionId, sessionIds));
}

/** Ends every live session of a user (deactivation, password reset, "log out everywhere"). */
export async function revokeUserSessions(
  ctx: ServiceContext,
  userId: number,
  reason: string,
  exceptSessionId?: string,
): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) conditions.push(sql`${sessions.id} <> ${exceptSessionId}`);
  const revoked = await ctx.db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  await dropPushSubscriptions(
    ctx,
    revoked.map((r) => r.id),
  );
  if (revoked.length > 0) {
    await recordAudit(ctx, {
      action: "session.revoke_all",
      targetType: "user",
      targetId: userId,
      after: { reason, count: revoked.length },
    });
  }
  return revoked.length;
}
