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

/**
 * The end of one keyset page of orders or quotes: trims the look-ahead row, attaches each record's
 * lines (one query for the page) and makes the cursor from the last row's (timestamp, id).
 */
async function finishPage<R extends { id: number; ts: string }, V>(
  rows: R[],
  limit: number,
  fetchLines: (ids: number[]) => Promise<({ parentId: number } & Line)[]>,
  view: (row: Omit<R, "ts">, lines: Line[]) => V,
): Promise<{ items: V[]; nextCursor: string | null }> {
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const lines = ids.length ? groupLines(await fetchLines(ids)) : new Map<number, Line[]>();
  const last = page[page.length - 1];
  const items = page.map(({ ts: _ts, ...r }) => view(r, lines.get(r.id) ?? []));
  return { items, nextCursor: rows.length > limit && last ? encodeTimeCursor({ ts: last.ts, id: last.id }) : null };
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
  return finishPage(
    rows,
    input.limit,
    (ids) =>
      ctx.db
        .select({ parentId: orderLines.orderId, sku: orderLines.sku, name: orderLines.name, quantity: orderLines.quantity, unitPriceCents: orderLines.unitPriceCents, lineTotalCents: orderLines.lineTotalCents })
        .from(orderLines)
        .where(inArray(orderLines.orderId, ids))
        .orderBy(asc(orderLines.id)),
    (o, lines): OrderView => ({ ...o, lines }),
  );
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
  return finishPage(
    rows,
    input.limit,
    (ids) =>
      ctx.db
        .select({ parentId: quoteLines.quoteId, sku: quoteLines.sku, name: quoteLines.name, quantity: quoteLines.quantity, unitPriceCents: quoteLines.unitPriceCents, lineTotalCents: quoteLines.lineTotalCents })
        .from(quoteLines)
        .where(inArray(quoteLines.quoteId, ids))
        .orderBy(asc(quoteLines.id)),
    (q, lines): QuoteView => ({ ...q, lines }),
  );
}
