import { eq, sql } from "drizzle-orm";
import { quotes } from "@/db/schema";
import type { IngestResult, QuoteIngest } from "@/server/schemas/sales";
import { recordTimeline } from "../core/audit";
import { withTransaction, type ServiceContext } from "../core/context";
import { upsertCustomer } from "./customers";
import { loadLines, resolveLines, sameLines, writeLines } from "./lines";
import { moneyText } from "./money";
import { storeCurrency } from "./orders";

/** Creates or updates a quote by external id; a repeated payload changes nothing. */
export async function ingestQuote({ ctx, input }: { ctx: ServiceContext; input: QuoteIngest }): Promise<IngestResult> {
  return withTransaction(ctx, async (tx) => {
    const currency = await storeCurrency(tx, input.currency);
    const customer = await upsertCustomer(tx, input.customer, "ecommerce");
    const lines = await resolveLines(tx, input.lines);
    const values = {
      userId: customer.id,
      status: input.status,
      currency,
      totalCents: lines.reduce((s, l) => s + l.lineTotalCents, 0),
      quotedAt: input.quotedAt,
      expiresAt: input.expiresAt ?? null,
    };
    const [created] = await tx.db
      .insert(quotes)
      .values({ ...values, externalId: input.externalId })
      .onConflictDoNothing({ target: quotes.externalId })
      .returning({ id: quotes.id });
    if (created) {
      await writeLines(tx, "quote_lines", created.id, lines, false);
      await recordTimeline(tx, {
        userId: customer.id,
        kind: "quote",
        summary: `Quote ${input.externalId}: ${moneyText(values.totalCents, currency)} (${values.status})`,
        data: { quoteId: created.id, externalId: input.externalId, status: values.status, totalCents: values.totalCents },
      });
      return { id: created.id, externalId: input.externalId, result: "created" };
    }

    const [existing] = await tx.db.select().from(quotes).where(eq(quotes.externalId, input.externalId)).for("update");
    if (!existing) throw new Error("quote vanished between insert and select");
    const linesChanged = !sameLines(await loadLines(tx, "quote_lines", existing.id), lines);
    const time = (d: Date | null) => d?.getTime() ?? null;
    const fieldsChanged = (Object.keys(values) as (keyof typeof values)[]).filter((k) =>
      k === "quotedAt" || k === "expiresAt" ? time(existing[k]) !== time(values[k]) : existing[k] !== values[k],
    );
    if (!linesChanged && fieldsChanged.length === 0) return { id: existing.id, externalId: input.externalId, result: "unchanged" };

    await tx.db.update(quotes).set({ ...values, updatedAt: sql`now()` }).where(eq(quotes.id, existing.id));
    if (linesChanged) await writeLines(tx, "quote_lines", existing.id, lines, true);
    const what =
      existing.status !== values.status
        ? `is now ${values.status} (was ${existing.status})`
        : `updated: ${[...fieldsChanged, ...(linesChanged ? ["lines"] : [])].join(", ")}`;
    await recordTimeline(tx, {
      userId: customer.id,
      kind: "quote",
      summary: `Quote ${input.externalId} ${what}`,
      data: { quoteId: existing.id, externalId: input.externalId, status: values.status, previousStatus: existing.status, totalCents: values.totalCents },
    });
    return { id: existing.id, externalId: input.externalId, result: "updated" };
  });
}
