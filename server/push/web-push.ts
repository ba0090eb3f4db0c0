import type { Agent } from "node:https";
import webpush from "web-push";
import type { VapidConfig } from "@/server/env";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushMessage {
  title: string;
  body: string;
  /** Same-site path the notification opens when clicked. */
  url: string;
  /** Notifications with one tag replace each other instead of piling up. */
  tag?: string;
}

export type PushOutcome =
  | { ok: true }
  /** The push service says this subscription no longer exists (404/410): delete it. */
  | { ok: false; gone: true; error: string }
  | { ok: false; gone: false; error: string };

export interface PushTransportOptions {
  /** An HTTPS agent for the request to the push service (a proxy, or a test's local server). */
  agent?: Agent;
  timeoutMs?: number;
}

let defaults: PushTransportOptions = {};

/** Sets the transport used when a call passes none (an egress proxy's agent; tests' local push service). */
export function configurePushTransport(options: PushTransportOptions): void {
  defaults = options;
}

/**
 * Encrypts one message for one browser (RFC 8291, aes128gcm) and hands it to that browser's push
 * service with a VAPID signature (RFC 8292). Never throws: the outcome says what happened.
 */
export async function sendPush(
  target: PushTarget,
  message: PushMessage,
  vapid: VapidConfig,
  given: PushTransportOptions = {},
): Promise<PushOutcome> {
  const options = { ...defaults, ...given };
  try {
    await webpush.sendNotification(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(message),
      {
        vapidDetails: vapid,
        contentEncoding: "aes128gcm",
        // A day: an alert older than that is news nobody needs.
        TTL: 86_400,
        urgency: "normal",
        timeout: options.timeoutMs ?? 10_000,
        ...(options.agent ? { agent: options.agent } : {}),
      },
    );
    return { ok: true };
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    const error = status ? `The push service answered ${status}` : err instanceof Error ? err.message : String(err);
    return { ok: false, gone: status === 404 || status === 410, error: error.slice(0, 500) };
  }
}

export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}
