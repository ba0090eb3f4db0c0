import type { Database } from "@/db/client";
import type { z } from "zod";
import type { OrderIngest } from "@/server/schemas/sales";
import { OrderIngest as OrderIngestSchema, QuoteIngest } from "@/server/schemas/sales";
import { ingestOrder } from "@/server/services/commerce/orders";
import { ingestQuote } from "@/server/services/commerce/quotes";

export const serviceCtx = (db: Database) => ({ db, actor: null, ip: null });

let seq = 0;
export const nextExternalId = (prefix = "T") => `${prefix}-${process.pid}-${++seq}`;

type OrderPayload = z.input<typeof OrderIngestSchema>;

/** A valid order payload; override anything. */
export function orderPayload(overrides: Partial<OrderPayload> & { email?: string } = {}): OrderPayload {
  const { email, ...rest } = overrides;
  return {
    externalId: nextExternalId("O"),
    customer: { email: email ?? "buyer@example.test", firstName: "Bea", lastName: "Buyer" },
    placedAt: "2026-03-10T10:00:00Z",
    lines: [{ sku: "SKU-A", name: "Widget A", quantity: 2, unitPriceCents: 1250 }],
    ...rest,
  };
}

/** Places an order through the ingest service (as the storefront would), returning its id. */
export async function placeOrder(db: Database, overrides: Partial<OrderPayload> & { email?: string } = {}) {
  const input: OrderIngest = OrderIngestSchema.parse(orderPayload(overrides));
  return ingestOrder({ ctx: serviceCtx(db), input });
}

export async function placeQuote(db: Database, input: z.input<typeof QuoteIngest>) {
  return ingestQuote({ ctx: serviceCtx(db), input: QuoteIngest.parse(input) });
}
