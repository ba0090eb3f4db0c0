import { z } from "zod";
import { Id } from "./common";

/** What a staff member can be notified about in the browser (D3). */
export const PUSH_ALERTS = ["new_order", "new_quote", "new_prospect", "subscriber_import", "user_import"] as const;
export const PushAlert = z.enum(PUSH_ALERTS);
export type PushAlert = z.infer<typeof PushAlert>;

export const PUSH_ALERT_LABELS: Record<PushAlert, string> = {
  new_order: "New order",
  new_quote: "New quote",
  new_prospect: "New prospect",
  subscriber_import: "Subscriber import finished",
  user_import: "User import finished",
};

export const PushAlerts = z
  .array(PushAlert, { error: "Choose which alerts to receive" })
  .min(1, { message: "Choose at least one alert" })
  .max(PUSH_ALERTS.length)
  .transform((list) => [...new Set(list)]);

const Base64Url = (what: string, min: number, max: number) =>
  z
    .string({ error: `${what} is required` })
    .min(min, { message: `${what} is too short` })
    .max(max, { message: `${what} is too long` })
    .regex(/^[A-Za-z0-9_-]+=*$/, { message: `${what} must be base64url` });

/** What PushSubscription.toJSON() gives in the browser, plus the chosen alerts. */
export const PushSubscribeInput = z.object({
  endpoint: z
    .string({ error: "endpoint is required" })
    .max(2048, { message: "endpoint is too long" })
    .url({ message: "endpoint must be a URL" })
    .refine((u) => u.startsWith("https://"), { message: "endpoint must be an https:// URL" }),
  keys: z.object({
    // An uncompressed P-256 point (65 bytes) and a 16-byte secret, base64url.
    p256dh: Base64Url("keys.p256dh", 80, 100),
    auth: Base64Url("keys.auth", 16, 32),
  }),
  alerts: PushAlerts,
});
export type PushSubscribeInput = z.infer<typeof PushSubscribeInput>;

export const PushUpdateInput = z.object({ id: Id, alerts: PushAlerts });
export type PushUpdateInput = z.infer<typeof PushUpdateInput>;

export const PushIdInput = z.object({ id: Id });

export const DeviceListInput = z.object({ userId: Id });
export const DeviceRevokeInput = z.object({
  sessionId: z.string({ error: "sessionId is required" }).min(1, { message: "sessionId is required" }).max(200),
});
export const DeviceRevokeAllInput = z.object({ userId: Id });

export const PushSubscriptionView = z.object({
  id: z.number(),
  alerts: z.array(PushAlert),
  /** Which push service (e.g. fcm.googleapis.com), never the capability URL itself. */
  service: z.string(),
  /** Only on the caller's own subscriptions, so the browser can recognise its own. */
  endpoint: z.string().nullable(),
  createdAt: z.date(),
  lastSentAt: z.date().nullable(),
  lastError: z.string().nullable(),
});
export type PushSubscriptionView = z.infer<typeof PushSubscriptionView>;

export const DeviceView = z.object({
  sessionId: z.string(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  current: z.boolean(),
  subscriptions: z.array(PushSubscriptionView),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const DeviceList = z.object({
  user: z.object({ id: z.number(), name: z.string(), role: z.string() }),
  devices: z.array(DeviceView),
  /** Whether the caller may remove these devices (own devices, or an account the caller manages). */
  canManage: z.boolean(),
});
export type DeviceList = z.infer<typeof DeviceList>;

export const PushConfig = z.object({
  publicKey: z.string().nullable(),
  alerts: z.array(z.object({ key: PushAlert, label: z.string() })),
});

export const PushSendResult = z.object({
  sent: z.number().int(),
  removed: z.number().int(),
  failed: z.number().int(),
});
export type PushSendResult = z.infer<typeof PushSendResult>;
