import { z } from "zod";
import { Id } from "./common";

/** C2: what a customer can opt in to or out of; each change is a row in the consent log. */
export const CONSENT_KINDS = ["newsletter", "offers", "sms"] as const;
export const ConsentKind = z.enum(CONSENT_KINDS);
export type ConsentKind = z.infer<typeof ConsentKind>;
export const CONSENT_LABELS: Record<ConsentKind, { label: string; hint: string }> = {
  newsletter: { label: "Newsletter", hint: "News, new products and guides by email." },
  offers: { label: "Offers and promotions by email", hint: "Discounts and sales that match what you buy." },
  sms: { label: "Text messages", hint: "Delivery updates and time-limited offers by SMS." },
};

export const AccountPreferences = z.object({
  newsletter: z.boolean(),
  /** Subscribed but the double opt-in link has not been used yet. */
  newsletterAwaitingConfirmation: z.boolean(),
  offers: z.boolean(),
  sms: z.boolean(),
  doubleOptIn: z.boolean(),
  history: z.array(z.object({ kind: z.string(), granted: z.boolean(), source: z.string(), createdAt: z.date() })),
});
export type AccountPreferences = z.infer<typeof AccountPreferences>;

/** No user id: /account procedures only ever act on the signed-in user. */
export const PreferencesUpdateInput = z
  .object({ newsletter: z.boolean().optional(), offers: z.boolean().optional(), sms: z.boolean().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Choose at least one preference to change");

export const DeletionRequestInput = z.object({
  reason: z
    .string()
    .trim()
    .max(1000, "Keep the reason under 1,000 characters")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null),
});

export const DeletionRequestState = z.enum(["open", "withdrawn", "dismissed", "completed"]);
export const MyDeletionRequest = z
  .object({ id: z.number(), status: DeletionRequestState, createdAt: z.date(), closeNote: z.string().nullable() })
  .nullable();

export const DeletionRequestItem = z.object({
  id: z.number(),
  userId: z.number(),
  email: z.string(),
  name: z.string(),
  reason: z.string().nullable(),
  status: DeletionRequestState,
  orderCount: z.number(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
});
export type DeletionRequestItem = z.infer<typeof DeletionRequestItem>;

export const DeletionRequestListInput = z.object({
  status: DeletionRequestState.default("open"),
  /** The last id of the previous page (newest first). */
  cursor: Id.nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const DeletionRequestListOutput = z.object({ items: z.array(DeletionRequestItem), nextCursor: z.number().nullable(), openCount: z.number() });

export const DeletionRequestIdInput = z.object({ id: Id });
export const DeletionDismissInput = z.object({
  id: Id,
  note: z.string().trim().min(1, "Say why, so the customer can be told").max(1000),
});
export const UserIdInput = z.object({ userId: Id });
