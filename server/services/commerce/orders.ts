import { eq, sql } from "drizzle-orm";
import { orders } from "@/db/schema";
import type { IngestResult, OrderIngest } from "@/server/schemas/sales";
import { recordTimeline } from "../core/audit";
import { withTransaction, type ServiceContext } from "../core/context";
import { ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { upsertCustomer } from "./customers";
import { loadLines, resolveLines, sameLines, writeLines } from "./lines";
import { moneyText } from "./money";

/** The store takes one currency; mixing them would make every total and report wrong. */
export async function storeCurrency(ctx: ServiceContext, given: string | undefined): Promise<string> {
  const { currency } = await getSettings(ctx.db);
  if (given && given !== currency) throw new ValidationError("currency", `must be ${currency}, the store currency`);
  return currency;
}

/**
 * Creates or updates an order by the storefront's external id. Sending the same payload again changes
 * nothing (no row, line or timeline write). The users' order aggregates follow via the orders triggers.
 */
export async function ingestOrder({ ctx, input }: { ctx: ServiceContext; input: OrderIngest }): Promise<IngestResult> {
  return withTransaction(ctx, async (tx) => {
    const currency = await storeCurrency(tx, input.currency);
    const customer = await upsertCustomer(tx, input.customer, "ecommerce");
    const lines = await resolveLines(tx, input.lines);
    const subtotalCents = lines.reduce((s, l) => s + l.lineTotalCents, 0);
    const values = {
      userId: customer.id,
      status: input.status,
      currency,
      subtotalCents,
      taxCents: input.taxCents,
      shippingCents: input.shippingCents,
      totalCents: subtotalCents + input.taxCents + input.shippingCents,
      placedAt: input.placedAt,
    };
    const money = (v: { totalCents: number }) => moneyText(v.totalCents, currency);

    const [created] = await tx.db
      .insert(orders)
      .values({ ...values, externalId: input.externalId })
      .onConflictDoNothing({ target: orders.externalId })
      .returning({ id: orders.id });
    if (created) {
      await writeLines(tx, "order_lines", created.id, lines, false);
      await recordTimeline(tx, {
        userId: customer.id,
        kind: "order",
        summary: `Order ${input.externalId} placed: ${money(values)} (${values.status})`,
        data: { orderId: created.id, externalId: input.externalId, status: values.status, totalCents: values.totalCents, placedAt: values.placedAt.toISOString() },
      });
      return { id: created.id, externalId: input.externalId, result: "created" };
    }

    const [existing] = await tx.db.select().from(orders).where(eq(orders.externalId, input.externalId)).for("update");
    if (!existing) throw new Error("order vanished between insert and select");
    const oldLines = await loadLines(tx, "order_lines", existing.id);
    const linesChanged = !sameLines(oldLines, lines);
    const fieldsChanged = (Object.keys(values) as (keyof typeof values)[]).filter((k) =>
      k === "placedAt" ? existing.placedAt.getTime() !== values.placedAt.getTime() : existing[k] !== values[k],
    );
    if (!linesChanged && fieldsChanged.length === 0) return { id: existing.id, externalId: input.externalId, result: "unchanged" };

    await tx.db.update(orders).set({ ...values, updatedAt: sql`now()` }).where(eq(orders.id, existing.id));
    if (linesChanged) await writeLines(tx, "order_lines", existing.id, lines, true);
    const what =
      existing.status !== values.status
        ? `is now ${values.status} (was ${existing.status})`
        : `updated: ${[...fieldsChanged, ...(linesChanged ? ["lines"] : [])].join(", ")}`;
    await recordTimeline(tx, {
      userId: customer.id,
      kind: "order",
      summary: `Order ${input.externalId} ${what}; total ${money(values)}`,
      data: { orderId: existing.id, externalId: input.externalId, status: values.status, previousStatus: existing.status, totalCents: values.totalCents },
    });
    if (existing.userId !== customer.id) {
      await recordTimeline(tx, {
        userId: existing.userId,
        kind: "order",
        summary: `Order ${input.externalId} moved to another customer by the storefront`,
        data: { orderId: existing.id, externalId: input.externalId, movedTo: customer.id },
      });
    }
    return { id: existing.id, externalId: input.externalId, result: "updated" };
  });
}
