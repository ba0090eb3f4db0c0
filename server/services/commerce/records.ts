import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { orderLines, orders, quoteLines, quotes } from "@/db/schema";
import type { OrderView, QuoteView, RecordListInput } from "@/server/schemas/sales";
import type { z } from "zod";
import type { ServiceContext } from "../core/context";
import { beforeKey, cursorTimestamp, decodeTimeCursor, encodeTimeCursor } from "../core/keyset";

type ListInput = z.output<typeof RecordListInput>;
type Line = OrderView["lines"][number];

function groupLines<T extends { parentId: number } & Line>(rows: T[]): Map<number, Line[]> {
  const out = new Map<number, Line[]>();
  for (const { parentId, ...line } of rows) {
    const list = out.get(parentId) ?? [];
    list.push({ sku: line.sku, name: line.name, quantity: line.quantity, unitPriceCents: line.unitPriceCents, lineTotalCents: line.lineTotalCents });
    out.set(parentId, list);
  }
  return out;
}

/** A user's orders newest first, keyset-paged on the covering (user_id, placed_at, id) index, lines included. */
export async function listUserOrders({ ctx, input }: { ctx: ServiceContext; input: ListInput }) {
  const key = decodeTimeCursor(input.cursor);
  const rows = await ctx.db
    .select({
      id: orders.id,
      externalId: orders.externalId,
      status: orders.status,
      currency: orders.currency,
      subtotalCents: orders.subtotalCents,
      taxCents: orders.taxCents,
      shippingCents: orders.shippingCents,
      totalCents: orders.totalCents,
      placedAt: orders.placedAt,
      ts: cursorTimestamp(orders.placedAt),
    })
    .from(orders)
    .where(and(eq(orders.userId, input.userId), key ? beforeKey(orders.placedAt, orders.id, key) : undefined))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const ids = page.map((r) => r.id);
  const lines = ids.length
    ? groupLines(
        await ctx.db
          .select({ parentId: orderLines.orderId, sku: orderLines.sku, name: orderLines.name, quantity: orderLines.quantity, unitPriceCents: orderLines.unitPriceCents, lineTotalCents: orderLines.lineTotalCents })
          .from(orderLines)
          .where(inArray(orderLines.orderId, ids))
          .orderBy(asc(orderLines.id)),
      )
    : new Map<number, Line[]>();
  const last = page[page.length - 1];
  const items: OrderView[] = page.map(({ ts: _ts, ...o }) => ({ ...o, lines: lines.get(o.id) ?? [] }));
  return { items, nextCursor: rows.length > input.limit && last ? encodeTimeCursor({ ts: last.ts, id: last.id }) : null };
}

export async function listUserQuotes({ ctx, input }: { ctx: ServiceContext; input: ListInput }) {
  const key = decodeTimeCursor(input.cursor);
  const rows = await ctx.db
    .select({
      id: quotes.id,
      externalId: quotes.externalId,
      status: quotes.status,
      currency: quotes.currency,
      totalCents: quotes.totalCents,
      quotedAt: quotes.quotedAt,
      expiresAt: quotes.expiresAt,
      ts: cursorTimestamp(quotes.quotedAt),
    })
    .from(quotes)
    .where(and(eq(quotes.userId, input.userId), key ? beforeKey(quotes.quotedAt, quotes.id, key) : undefined))
    .orderBy(desc(quotes.quotedAt), desc(quotes.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const ids = page.map((r) => r.id);
  const lines = ids.length
    ? groupLines(
        await ctx.db
          .select({ parentId: quoteLines.quoteId, sku: quoteLines.sku, name: quoteLines.name, quantity: quoteLines.quantity, unitPriceCents: quoteLines.unitPriceCents, lineTotalCents: quoteLines.lineTotalCents })
          .from(quoteLines)
          .where(inArray(quoteLines.quoteId, ids))
          .orderBy(asc(quoteLines.id)),
      )
    : new Map<number, Line[]>();
  const last = page[page.length - 1];
  const items: QuoteView[] = page.map(({ ts: _ts, ...q }) => ({ ...q, lines: lines.get(q.id) ?? [] }));
  return { items, nextCursor: rows.length > input.limit && last ? encodeTimeCursor({ ts: last.ts, id: last.id }) : null };
}
