import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { pushSubscriptions, sessions, users } from "@/db/schema";
import { STAFF_ROLES, type Role } from "@/server/schemas/common";
import type { DeviceList, DeviceView, PushAlert } from "@/server/schemas/devices";
import { revokeSession, revokeUserSessions } from "../auth/sessions";
import { withTransaction, type ActorContext } from "../core/context";
import { ForbiddenError, NotFoundError, ValidationError } from "../core/errors";
import { canManage } from "../users/permissions";

interface StaffTarget {
  id: number;
  name: string;
  role: Role;
}

async function loadStaff(ctx: ActorContext, userId: number): Promise<StaffTarget> {
  const [row] = await ctx.db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new NotFoundError("No user with that id.");
  if (!STAFF_ROLES.includes(row.role)) {
    throw new ValidationError("userId", "devices are kept for staff accounts only");
  }
  return { id: row.id, name: `${row.firstName} ${row.lastName}`.trim() || row.email, role: row.role };
}

/** Own devices always; someone else's only for an account the caller may manage. */
function mayManageDevicesOf(actor: ActorContext["actor"], target: { id: number; role: Role }): boolean {
  return actor.id === target.id || canManage(actor, target.role);
}

async function devicesOf(ctx: ActorContext, userId: number): Promise<DeviceView[]> {
  const own = ctx.actor.id === userId;
  const rows = await ctx.db
    .select({
      sessionId: sessions.id,
      browser: sessions.browser,
      os: sessions.os,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  const subs = rows.length
    ? await ctx.db
        .select()
        .from(pushSubscriptions)
        .where(inArray(pushSubscriptions.sessionId, rows.map((r) => r.sessionId)))
        .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id))
    : [];
  return rows.map((r) => ({
    ...r,
    current: r.sessionId === ctx.actor.sessionId,
    subscriptions: subs
      .filter((s) => s.sessionId === r.sessionId)
      .map((s) => ({
        id: s.id,
        alerts: s.alerts as PushAlert[],
        service: serviceName(s.endpoint),
        endpoint: own ? s.endpoint : null,
        createdAt: s.createdAt,
        lastSentAt: s.lastSentAt,
        lastError: s.lastError,
      })),
  }));
}

function serviceName(endpoint: string): string {
  try {
    return new URL(endpoint).hostname;
  } catch {
    return "unknown";
  }
}

/** The signed-in staff member's own devices (their profile page). */
export async function listMyDevices({ ctx }: { ctx: ActorContext }): Promise<DeviceList> {
  const me = await loadStaff(ctx, ctx.actor.id);
  return { user: me, devices: await devicesOf(ctx, me.id), canManage: true };
}

/** A staff user's devices, for the Devices tab of their record (admins and owners). */
export async function listUserDevices({ ctx, input }: { ctx: ActorContext; input: { userId: number } }): Promise<DeviceList> {
  const target = await loadStaff(ctx, input.userId);
  return { user: target, devices: await devicesOf(ctx, target.id), canManage: mayManageDevicesOf(ctx.actor, target) };
}

/**
 * Removes one device: its session ends, so its next request is signed out, and its notifications
 * stop. Audited as `session.revoke` with reason "device removed".
 */
export async function revokeDevice({ ctx, input }: { ctx: ActorContext; input: { sessionId: string } }): Promise<{ revoked: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ userId: sessions.userId, role: users.role, revokedAt: sessions.revokedAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, input.sessionId));
    if (!row) throw new NotFoundError("That device is not signed in any more.");
    if (row.userId !== ctx.actor.id) {
      if (ctx.actor.role === "manager") throw new ForbiddenError("Only admins and owners can remove other people's devices.");
      // Devices are a staff-account feature; customer sessions are not listed anywhere to remove.
      if (!STAFF_ROLES.includes(row.role)) throw new NotFoundError("That device is not signed in any more.");
      if (!canManage(ctx.actor, row.role)) throw new ForbiddenError(`Only an owner can remove the devices of ${row.role} accounts.`);
    }
    if (row.revokedAt) return { revoked: false };
    return { revoked: await revokeSession(tx, input.sessionId, "device removed") };
  });
}

/**
 * "Log out everywhere" for a staff user. On one's own account the current session stays, like
 * `session.revokeOthers`, so nobody locks themselves out of the page they are on.
 */
export async function revokeAllDevices({ ctx, input }: { ctx: ActorContext; input: { userId: number } }): Promise<{ revoked: number }> {
  return withTransaction(ctx, async (tx) => {
    const target = await loadStaff(tx, input.userId);
    if (!mayManageDevicesOf(ctx.actor, target)) {
      throw new ForbiddenError(`Only an owner can log out ${target.role} accounts.`);
    }
    const keep = target.id === ctx.actor.id ? (ctx.actor.sessionId ?? undefined) : undefined;
    return { revoked: await revokeUserSessions(tx, target.id, "log out everywhere", keep) };
  });
}
