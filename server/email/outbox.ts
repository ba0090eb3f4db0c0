/**
 * The email outbox: the only way the app sends email.
 *
 *   enqueueEmail(ctx: ServiceContext, input: {
 *     to: string;                      // recipient address
 *     userId?: number | null;          // the user it is about (for the outbox page and timeline)
 *     kind: string;                    // "password_reset" | "message" | "invite" | "group_email" | …
 *     subject: string;
 *     html: string;                    // already escaped: build it with renderLayout() from ./templates
 *     text: string;                    // the plain-text part
 *     timelineEventId?: number | null; // a timeline row whose data.delivery follows this message
 *     sensitive?: boolean;             // holds a one-time link: body erased after SMTP delivery
 *   }): Promise<{ id: number }>
 *
 * Call it with the same `ctx` (transaction) as the change that causes the email: the message exists
 * if and only if that change commits. The worker (./worker.ts) sends it later, retrying with backoff.
 * For a timeline entry, write it first with `recordTimelineEmail` and pass its id.
 */
import { eq, sql } from "drizzle-orm";
import { emailOutbox, timelineEvents } from "@/db/schema";
import type { ServiceContext } from "@/server/services/core/context";

export interface EnqueueEmailInput {
  to: string;
  userId?: number | null;
  kind: string;
  subject: string;
  html: string;
  text: string;
  timelineEventId?: number | null;
  sensitive?: boolean;
}

export type DeliveryState = "queued" | "sending" | "sent" | "failed";

export async function enqueueEmail(ctx: ServiceContext, input: EnqueueEmailInput): Promise<{ id: number }> {
  const [row] = await ctx.db
    .insert(emailOutbox)
    .values({
      kind: input.kind,
      toAddress: input.to,
      userId: input.userId ?? null,
      subject: input.subject.replace(/[\r\n]+/g, " ").slice(0, 998),
      html: input.html,
      text: input.text,
      sensitive: input.sensitive ?? false,
      timelineEventId: input.timelineEventId ?? null,
      createdById: ctx.actor?.id ?? null,
    })
    .returning({ id: emailOutbox.id });
  if (!row) throw new Error("insert returned nothing");
  if (input.timelineEventId) await setTimelineDelivery(ctx, input.timelineEventId, { delivery: "queued", outboxId: row.id });
  return { id: row.id };
}

/** Writes an "email" timeline entry and returns its id, for `enqueueEmail({ timelineEventId })`. */
export async function recordTimelineEmail(
  ctx: ServiceContext,
  entry: { userId: number; summary: string; kind?: string; data?: Record<string, unknown> },
): Promise<number> {
  const [row] = await ctx.db
    .insert(timelineEvents)
    .values({
      userId: entry.userId,
      kind: entry.kind ?? "email",
      summary: entry.summary,
      data: { ...entry.data, delivery: "queued" },
      actorId: ctx.actor?.id ?? null,
    })
    .returning({ id: timelineEvents.id });
  if (!row) throw new Error("insert returned nothing");
  return row.id;
}

/** Merges delivery facts into the timeline entry's data (never touches its summary). */
export async function setTimelineDelivery(
  ctx: Pick<ServiceContext, "db">,
  timelineEventId: number,
  facts: { delivery: DeliveryState; outboxId?: number; error?: string | null; at?: string },
): Promise<void> {
  const patch = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
  await ctx.db
    .update(timelineEvents)
    .set({ data: sql`${timelineEvents.data} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(timelineEvents.id, timelineEventId));
}
