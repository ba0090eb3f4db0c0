/**
 * Web notifications for staff (D3): the only way the app sends a push.
 *
 *   notifyStaff(db: Database, input: {
 *     alert: PushAlert;   // "new_order" | "new_quote" | "new_prospect" | "subscriber_import" | "user_import"
 *     title: string;      // e.g. "New order #1042"
 *     body: string;       // e.g. "£120.00 from Ada Lovelace"
 *     url: string;        // same-site path the click opens, e.g. "/users/42?tab=orders"
 *   }): Promise<{ sent: number; removed: number; failed: number }>
 *
 * Reaches every browser subscribed to that alert whose session is still live and whose user is
 * approved staff. Never throws for delivery problems; subscriptions the push service reports gone
 * (404/410) are deleted. Call it after the change it announces has committed, not inside its
 * transaction: it waits on the network. Does nothing when VAPID keys are not configured.
 */
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { pushSubscriptions, sessions, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { vapidConfig, type VapidConfig } from "@/server/env";
import { STAFF_ROLES } from "@/server/schemas/common";
import type { PushAlert, PushSendResult } from "@/server/schemas/devices";
import { sendPush, type PushMessage, type PushTarget, type PushTransportOptions } from "./web-push";

export interface NotifyInput {
  alert: PushAlert;
  title: string;
  body: string;
  url: string;
}

export interface DeliveryOptions extends PushTransportOptions {
  /** Defaults to the VAPID keys of the environment. */
  vapid?: VapidConfig | null;
}

/** Several push services answer slowly; a few requests at a time keeps one from holding up the rest. */
const CONCURRENCY = 8;

export async function notifyStaff(db: Database, input: NotifyInput, options: DeliveryOptions = {}): Promise<PushSendResult> {
  const vapid = options.vapid === undefined ? vapidConfig() : options.vapid;
  if (!vapid) return { sent: 0, removed: 0, failed: 0 };
  const targets = await db
    .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
    .from(pushSubscriptions)
    .innerJoin(sessions, eq(sessions.id, pushSubscriptions.sessionId))
    .innerJoin(users, eq(users.id, pushSubscriptions.userId))
    .where(
      and(
        sql`${input.alert} = ANY(${pushSubscriptions.alerts})`,
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.status, "approved"),
        inArray(users.role, [...STAFF_ROLES]),
      ),
    );
  return deliver(db, targets, { title: input.title, body: input.body, url: safePath(input.url), tag: input.alert }, { ...options, vapid });
}

/** Sends one message to the given subscriptions and records each outcome on its row. */
export async function deliver(
  db: Database,
  targets: Array<PushTarget & { id: number }>,
  message: PushMessage,
  options: DeliveryOptions & { vapid: VapidConfig },
): Promise<PushSendResult> {
  const result = { sent: 0, removed: 0, failed: 0 };
  const queue = [...targets];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      const outcome = await sendPush(target, message, options.vapid, options);
      if (outcome.ok) {
        result.sent += 1;
        await db
          .update(pushSubscriptions)
          .set({ lastSentAt: sql`now()`, failures: 0, lastError: null })
          .where(eq(pushSubscriptions.id, target.id));
      } else if (outcome.gone) {
        result.removed += 1;
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, target.id));
      } else {
        result.failed += 1;
        await db
          .update(pushSubscriptions)
          .set({ failures: sql`${pushSubscriptions.failures} + 1`, lastError: outcome.error })
          .where(eq(pushSubscriptions.id, target.id));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
  return result;
}

/** Notifications open pages of this app only. */
function safePath(url: string): string {
  return url.startsWith("/") && !url.startsWith("//") ? url : "/dashboard";
}
