import { and, eq, sql } from "drizzle-orm";
import { pushSubscriptions, sessions, users } from "@/db/schema";
import { vapidConfig } from "@/server/env";
import { deliver } from "@/server/push/notify";
import { STAFF_ROLES } from "@/server/schemas/common";
import {
  PUSH_ALERT_LABELS,
  PUSH_ALERTS,
  type PushAlert,
  type PushSendResult,
  type PushSubscribeInput,
} from "@/server/schemas/devices";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext } from "../core/context";
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from "../core/errors";
import { canManage } from "../users/permissions";

export function pushConfig() {
  return {
    publicKey: vapidConfig()?.publicKey ?? null,
    alerts: PUSH_ALERTS.map((key) => ({ key, label: PUSH_ALERT_LABELS[key] })),
  };
}

function service(endpoint: string): string {
  return new URL(endpoint).hostname;
}

/**
 * Subscribes this browser, on this session, to the chosen alerts. A browser has one endpoint, so
 * subscribing again (after signing in anew, or as someone else) moves the row to the new session.
 */
export async function subscribePush({ ctx, input }: { ctx: ActorContext; input: PushSubscribeInput }): Promise<{ id: number }> {
  const sessionId = ctx.actor.sessionId;
  if (!sessionId) throw new UnauthorizedError("Sign in to continue.");
  return withTransaction(ctx, async (tx) => {
    const values = {
      userId: ctx.actor.id,
      sessionId,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      alerts: input.alerts,
      failures: 0,
      lastError: null,
    };
    const [row] = await tx.db
      .insert(pushSubscriptions)
      .values({ endpoint: input.endpoint, ...values })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...values, createdAt: sql`now()` } })
      .returning({ id: pushSubscriptions.id });
    if (!row) throw new Error("upsert returned nothing");
    await recordAudit(tx, {
      action: "push.subscribe",
      targetType: "user",
      targetId: ctx.actor.id,
      after: { subscription: row.id, alerts: input.alerts, service: service(input.endpoint) },
    });
    return row;
  });
}

async function ownSubscription(ctx: ActorContext, id: number) {
  const [row] = await ctx.db
    .select()
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, ctx.actor.id)));
  // Another person's id is answered like a missing one.
  if (!row) throw new NotFoundError("That notification subscription no longer exists.");
  return row;
}

export async function updatePushAlerts({ ctx, input }: { ctx: ActorContext; input: { id: number; alerts: PushAlert[] } }) {
  return withTransaction(ctx, async (tx) => {
    const before = await ownSubscription(tx, input.id);
    await tx.db.update(pushSubscriptions).set({ alerts: input.alerts }).where(eq(pushSubscriptions.id, before.id));
    await recordAudit(tx, {
      action: "push.update",
      targetType: "user",
      targetId: ctx.actor.id,
      before: { subscription: before.id, alerts: before.alerts },
      after: { subscription: before.id, alerts: input.alerts },
    });
    return { id: before.id, alerts: input.alerts };
  });
}

/** Own subscriptions, or those of a staff account the caller manages (from its Devices tab). */
export async function deletePushSubscription({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId, endpoint: pushSubscriptions.endpoint, role: users.role })
      .from(pushSubscriptions)
      .innerJoin(users, eq(users.id, pushSubscriptions.userId))
      .where(eq(pushSubscriptions.id, input.id));
    if (!row) throw new NotFoundError("That notification subscription no longer exists.");
    if (row.userId !== ctx.actor.id) {
      if (ctx.actor.role === "manager") throw new ForbiddenError("Only admins and owners can remove other people's notifications.");
      if (!STAFF_ROLES.includes(row.role)) throw new NotFoundError("That notification subscription no longer exists.");
      if (!canManage(ctx.actor, row.role)) throw new ForbiddenError(`Only an owner can change ${row.role} accounts.`);
    }
    await tx.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, row.id));
    await recordAudit(tx, {
      action: "push.unsubscribe",
      targetType: "user",
      targetId: row.userId,
      before: { subscription: row.id, service: service(row.endpoint) },
    });
    return { id: row.id };
  });
}

/** "Send test notification" to one of the caller's own browsers. */
export async function sendTestPush({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<PushSendResult> {
  const vapid = vapidConfig();
  if (!vapid) throw new ConflictError("Web notifications are not configured on this server (VAPID keys are missing).");
  const row = await ownSubscription(ctx, input.id);
  const [live] = await ctx.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, row.sessionId), sql`${sessions.revokedAt} is null`, sql`${sessions.expiresAt} > now()`));
  if (!live) throw new NotFoundError("That notification subscription no longer exists.");
  return deliver(
    ctx.db,
    [row],
    { title: "Test notification", body: "Notifications from User Manager reach this browser.", url: "/profile", tag: "test" },
    { vapid },
  );
}
