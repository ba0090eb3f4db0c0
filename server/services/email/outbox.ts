import { and, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { emailOutbox } from "@/db/schema";
import { setTimelineDelivery } from "@/server/email/outbox";
import { transportFromEnv } from "@/server/email/transport";
import { devMailboxEnabled, getEnv } from "@/server/env";
import type { MailboxMessage, OutboxItem, OutboxListOutput } from "@/server/schemas/email";
import type { z } from "zod";
import type { OutboxListInput } from "@/server/schemas/email";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { beforeKey, cursorTimestamp, decodeTimeCursor, encodeTimeCursor } from "../core/keyset";

const ITEM = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  toAddress: emailOutbox.toAddress,
  userId: emailOutbox.userId,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
  deliveredVia: emailOutbox.deliveredVia,
  ts: cursorTimestamp(emailOutbox.createdAt),
};

function deliveryMode(): OutboxListOutput["delivery"] {
  const transport = transportFromEnv(getEnv());
  return transport === null ? "none" : transport === "mailbox" ? "mailbox" : "smtp";
}

/** Newest first, keyset on (created_at, id); counts only the states that need attention. */
export async function listOutbox({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof OutboxListInput> }): Promise<OutboxListOutput> {
  const conditions: SQL[] = [];
  if (input.status) conditions.push(eq(emailOutbox.status, input.status));
  if (input.userId) conditions.push(eq(emailOutbox.userId, input.userId));
  const key = decodeTimeCursor(input.cursor);
  if (key) conditions.push(beforeKey(emailOutbox.createdAt, emailOutbox.id, key));
  const [rows, countRows] = await Promise.all([
    ctx.db
      .select(ITEM)
      .from(emailOutbox)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(input.limit + 1),
    // Reads the (status, …) index for three small states; "sent" grows forever and is never counted.
    ctx.db
      .select({ status: emailOutbox.status, n: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(sql`${emailOutbox.status} in ('queued', 'sending', 'failed')`)
      .groupBy(emailOutbox.status),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const counts = { queued: 0, sending: 0, failed: 0 };
  for (const c of countRows) if (c.status !== "sent") counts[c.status] = Number(c.n);
  return {
    items: page.map(({ ts: _ts, ...item }): OutboxItem => item),
    nextCursor: rows.length > input.limit && last ? encodeTimeCursor({ ts: last.ts, id: last.id }) : null,
    counts,
    delivery: deliveryMode(),
  };
}

/** Puts a failed message back in the queue with a fresh set of attempts. */
export async function retryEmail({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<OutboxItem> {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(emailOutbox).where(eq(emailOutbox.id, input.id)).for("update");
    if (!row) throw new NotFoundError("No email with that id.");
    if (row.status !== "failed") throw new ValidationError("id", `only a failed email can be retried; this one is ${row.status}`);
    const [updated] = await tx.db
      .update(emailOutbox)
      .set({ status: "queued", attempts: 0, nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(emailOutbox.id, row.id))
      .returning(ITEM);
    if (!updated) throw new NotFoundError("No email with that id.");
    if (row.timelineEventId) await setTimelineDelivery(tx, row.timelineEventId, { delivery: "queued", error: null });
    await recordAudit(tx, {
      action: "email.retry",
      targetType: "email",
      targetId: row.id,
      before: { status: "failed", attempts: row.attempts, lastError: row.lastError },
      after: { status: "queued" },
    });
    const { ts: _ts, ...item } = updated;
    return item;
  });
}

function linksOf(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
}

/** The development mailbox: what would have gone out, bodies included. Absent in production. */
export async function listMailbox({ ctx }: { ctx: ServiceContext; input?: void }): Promise<MailboxMessage[]> {
  if (!devMailboxEnabled()) throw new NotFoundError("The development mailbox is off.");
  const rows = await ctx.db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      html: emailOutbox.html,
      text: emailOutbox.text,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.deliveredVia, "mailbox"), isNotNull(emailOutbox.sentAt)))
    .orderBy(desc(emailOutbox.sentAt), desc(emailOutbox.id))
    .limit(100);
  return rows.map((r) => ({ ...r, links: linksOf(r.text) }));
}
