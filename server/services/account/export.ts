import { and, asc, desc, eq, inArray, notInArray } from "drizzle-orm";
import { consents, groupMembers, groups, orderLines, orders, quoteLines, quotes, sessions, timelineEvents, users } from "@/db/schema";
import type { ActorContext } from "../core/context";
import { NotFoundError } from "../core/errors";

/** Timeline kinds written by staff for staff: never part of what a customer downloads. */
const STAFF_PRIVATE_KINDS = ["comment"];

/**
 * C2 "download all my data": everything held about the signed-in user except staff-private notes
 * and the internal audit log. Secrets (password hash, tokens) are never included.
 */
export async function exportMyData({ ctx }: { ctx: ActorContext; input?: void }) {
  const id = ctx.actor.id;
  const [me] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!me) throw new NotFoundError("Your account no longer exists.");
  const [consentRows, orderRows, quoteRows, timelineRows, groupRows, sessionRows] = await Promise.all([
    ctx.db
      .select({ kind: consents.kind, granted: consents.granted, source: consents.source, createdAt: consents.createdAt })
      .from(consents)
      .where(eq(consents.userId, id))
      .orderBy(asc(consents.createdAt), asc(consents.id)),
    ctx.db.select().from(orders).where(eq(orders.userId, id)).orderBy(asc(orders.placedAt), asc(orders.id)),
    ctx.db.select().from(quotes).where(eq(quotes.userId, id)).orderBy(asc(quotes.quotedAt), asc(quotes.id)),
    ctx.db
      .select({ kind: timelineEvents.kind, summary: timelineEvents.summary, createdAt: timelineEvents.createdAt })
      .from(timelineEvents)
      .where(and(eq(timelineEvents.userId, id), notInArray(timelineEvents.kind, STAFF_PRIVATE_KINDS)))
      .orderBy(desc(timelineEvents.createdAt), desc(timelineEvents.id)),
    ctx.db.select({ name: groups.name }).from(groupMembers).innerJoin(groups, eq(groups.id, groupMembers.groupId)).where(eq(groupMembers.userId, id)),
    ctx.db
      .select({ browser: sessions.browser, os: sessions.os, ip: sessions.ip, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(eq(sessions.userId, id))
      .orderBy(desc(sessions.createdAt)),
  ]);
  const orderIds = orderRows.map((o) => o.id);
  const quoteIds = quoteRows.map((q) => q.id);
  const [oLines, qLines] = await Promise.all([
    orderIds.length ? ctx.db.select().from(orderLines).where(inArray(orderLines.orderId, orderIds)).orderBy(asc(orderLines.id)) : [],
    quoteIds.length ? ctx.db.select().from(quoteLines).where(inArray(quoteLines.quoteId, quoteIds)).orderBy(asc(quoteLines.id)) : [],
  ]);
  const money = (cents: number, currency: string) => ({ minorUnits: cents, currency });
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      email: me.email,
      firstName: me.firstName,
      lastName: me.lastName,
      phone: me.phone,
      company: me.company,
      jobTitle: me.jobTitle,
      address: { line1: me.addressLine1, line2: me.addressLine2, city: me.city, region: me.region, postcode: me.postcode, country: me.country },
      customFields: me.customFields,
      accountCreatedAt: me.createdAt,
      emailConfirmedAt: me.emailConfirmedAt,
      lastActiveAt: me.lastActiveAt,
      newsletter: { subscribed: me.subscribed, confirmedAt: me.subscriptionConfirmedAt, changedAt: me.subscriptionChangedAt },
      groups: groupRows.map((g) => g.name),
    },
    consents: consentRows,
    orders: orderRows.map((o) => ({
      reference: o.externalId ?? `#${o.id}`,
      status: o.status,
      placedAt: o.placedAt,
      subtotal: money(o.subtotalCents, o.currency),
      tax: money(o.taxCents, o.currency),
      shipping: money(o.shippingCents, o.currency),
      total: money(o.totalCents, o.currency),
      lines: oLines
        .filter((l) => l.orderId === o.id)
        .map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPrice: money(l.unitPriceCents, o.currency), lineTotal: money(l.lineTotalCents, o.currency) })),
    })),
    quotes: quoteRows.map((q) => ({
      reference: q.externalId ?? `#${q.id}`,
      status: q.status,
      quotedAt: q.quotedAt,
      expiresAt: q.expiresAt,
      total: money(q.totalCents, q.currency),
      lines: qLines
        .filter((l) => l.quoteId === q.id)
        .map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPrice: money(l.unitPriceCents, q.currency), lineTotal: money(l.lineTotalCents, q.currency) })),
    })),
    signIns: sessionRows,
    timeline: timelineRows,
  };
}
