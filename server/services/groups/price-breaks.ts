import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { groupPriceBreaks } from "@/db/schema";
import { queryRows } from "@/db/client";
import type { PriceBreak, PriceBreakInput } from "@/server/schemas/pricing";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError, isUniqueViolation } from "../core/errors";
import { loadGroup } from "./groups";

export async function listPriceBreaks({ ctx, input }: { ctx: ServiceContext; input: { groupId: number } }): Promise<PriceBreak[]> {
  await loadGroup(ctx, input.groupId);
  const rows = await queryRows<PriceBreak>(
    ctx.db,
    sql`SELECT b.id, b.group_id AS "groupId", b.product_id AS "productId", p.name AS "productName", p.sku AS "productSku",
        p.price_cents AS "listPriceCents", b.category_id AS "categoryId", c.name AS "categoryName", b.min_quantity AS "minQuantity",
        b.kind::text AS kind, b.unit_price_cents AS "unitPriceCents", b.percent_off_bps AS "percentOffBps"
      FROM group_price_breaks b
      LEFT JOIN products p ON p.id = b.product_id
      LEFT JOIN categories c ON c.id = b.category_id
      WHERE b.group_id = ${input.groupId}
      ORDER BY coalesce(p.name, c.name), b.min_quantity`,
  );
  return rows.map((r) => ({
    ...r,
    listPriceCents: r.listPriceCents === null ? null : Number(r.listPriceCents),
    unitPriceCents: r.unitPriceCents === null ? null : Number(r.unitPriceCents),
  }));
}

export async function createPriceBreak({ ctx, input }: { ctx: ActorContext; input: z.output<typeof PriceBreakInput> }) {
  return withTransaction(ctx, async (tx) => {
    const group = await loadGroup(tx, input.groupId);
    if (input.productId !== null) {
      const [p] = await queryRows<{ id: number }>(tx.db, sql`SELECT id FROM products WHERE id = ${input.productId}`);
      if (!p) throw new ValidationError("productId", "no product with that id");
    }
    if (input.categoryId !== null) {
      const [c] = await queryRows<{ id: number }>(tx.db, sql`SELECT id FROM categories WHERE id = ${input.categoryId}`);
      if (!c) throw new ValidationError("categoryId", "no category with that id");
    }
    const values = {
      ...input,
      unitPriceCents: input.kind === "fixed" ? input.unitPriceCents : null,
      percentOffBps: input.kind === "percent" ? input.percentOffBps : null,
    };
    let row;
    try {
      [row] = await tx.db.insert(groupPriceBreaks).values(values).returning();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ValidationError("minQuantity", "this group already has a break from that quantity for that product or category");
      throw err;
    }
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, { action: "group.price_break.create", targetType: "group", targetId: group.id, after: values });
    return { id: row.id };
  });
}

export async function deletePriceBreak({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db.delete(groupPriceBreaks).where(eq(groupPriceBreaks.id, input.id)).returning();
    if (!row) throw new NotFoundError("No price break with that id.");
    await recordAudit(tx, { action: "group.price_break.delete", targetType: "group", targetId: row.groupId, before: { ...row } });
    return { id: row.id };
  });
}

/** What a break can target: matching products (by SKU or name) and every category, for the break form. */
export async function priceBreakTargets({ ctx, input }: { ctx: ServiceContext; input: { q?: string } }) {
  const q = input.q?.trim().toLowerCase();
  const [productRows, categoryRows] = await Promise.all([
    q
      ? queryRows<{ id: number; sku: string; name: string; priceCents: number }>(
          ctx.db,
          sql`SELECT id, sku, name, price_cents AS "priceCents" FROM products
            WHERE lower(sku) LIKE ${q.replace(/[\\%_]/g, "\\$&") + "%"} OR lower(name) LIKE ${"%" + q.replace(/[\\%_]/g, "\\$&") + "%"}
            ORDER BY name LIMIT 20`,
        )
      : Promise.resolve([]),
    queryRows<{ id: number; name: string }>(ctx.db, sql`SELECT id, name FROM categories ORDER BY lower(name) LIMIT 500`),
  ]);
  return { products: productRows.map((p) => ({ ...p, priceCents: Number(p.priceCents) })), categories: categoryRows };
}
