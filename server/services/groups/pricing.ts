import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "@/db/client";
import { BEST_PRICE_RULE, type PricedLine, type PricingInput as PricingSchema, type PricingResult } from "@/server/schemas/pricing";
import type { ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";

/** A parameter list for IN (…); NULL when empty, which matches nothing. */
function inList(values: readonly (number | string)[], type: "int" | "text"): SQL {
  if (values.length === 0) return sql`NULL`;
  return sql.join(values.map((v) => sql`${v}::${sql.raw(type)}`), sql`, `);
}

interface Product {
  id: number;
  sku: string;
  name: string;
  priceCents: number;
  categoryId: number | null;
}

interface Candidate {
  id: number;
  groupId: number;
  groupName: string;
  productId: number | null;
  categoryId: number | null;
  minQuantity: number;
  kind: "fixed" | "percent";
  unitPriceCents: number | null;
  percentOffBps: number | null;
}

export function breakUnitPrice(listCents: number, b: Pick<Candidate, "kind" | "unitPriceCents" | "percentOffBps">): number {
  if (b.kind === "fixed") return b.unitPriceCents ?? listCents;
  // Half-up to the minor unit, on integers only.
  return Math.round((listCents * (10_000 - (b.percentOffBps ?? 0))) / 10_000);
}

/**
 * The best price for the customer (G3): among every break of every group the user is in that covers the
 * line (the product itself, or its category) at this quantity, the lowest unit price; never above list.
 * Equal prices prefer a product break, then the larger quantity threshold, then the older break.
 */
export function pickBreak(product: Product, quantity: number, candidates: Candidate[]): { unit: number; applied: Candidate | null } {
  let best: { unit: number; applied: Candidate | null } = { unit: product.priceCents, applied: null };
  const better = (unit: number, c: Candidate, cur: Candidate | null) => {
    if (unit !== best.unit) return unit < best.unit;
    if (!cur) return false;
    const scope = (x: Candidate) => (x.productId !== null ? 0 : 1);
    if (scope(c) !== scope(cur)) return scope(c) < scope(cur);
    if (c.minQuantity !== cur.minQuantity) return c.minQuantity > cur.minQuantity;
    return c.id < cur.id;
  };
  for (const c of candidates) {
    const covers = c.productId === product.id || (c.productId === null && c.categoryId !== null && c.categoryId === product.categoryId);
    if (!covers || c.minQuantity > quantity) continue;
    const unit = breakUnitPrice(product.priceCents, c);
    if (unit > product.priceCents) continue;
    if (best.applied === null ? unit < best.unit : better(unit, c, best.applied)) best = { unit, applied: c };
  }
  return best;
}

export async function priceCart({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof PricingSchema> }): Promise<PricingResult> {
  const [user] = await queryRows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE id = ${input.userId}`);
  if (!user) throw new NotFoundError("No user with that id.");
  const ids = input.lines.flatMap((l) => (l.productId !== undefined ? [l.productId] : []));
  const skus = input.lines.flatMap((l) => (l.productId === undefined && l.sku !== undefined ? [l.sku] : []));
  const products = await queryRows<Product>(
    ctx.db,
    sql`SELECT id, sku, name, price_cents AS "priceCents", category_id AS "categoryId" FROM products
      WHERE id IN (${inList(ids, "int")}) OR sku IN (${inList(skus, "text")})`,
  );
  const byId = new Map(products.map((p) => [p.id, { ...p, priceCents: Number(p.priceCents) }]));
  const bySku = new Map([...byId.values()].map((p) => [p.sku, p]));
  const resolved = input.lines.map((l, i) => {
    const p = l.productId !== undefined ? byId.get(l.productId) : bySku.get(l.sku ?? "");
    if (!p) {
      throw new ValidationError(
        `lines.${i}.${l.productId !== undefined ? "productId" : "sku"}`,
        `no product ${l.productId !== undefined ? `with id ${l.productId}` : `with SKU "${l.sku}"`}`,
      );
    }
    return { product: p, quantity: l.quantity };
  });
  const productIds = [...new Set(resolved.map((r) => r.product.id))];
  const categoryIds = [...new Set(resolved.flatMap((r) => (r.product.categoryId === null ? [] : [r.product.categoryId])))];

  const [candidates, exempt, settings] = await Promise.all([
    queryRows<Candidate>(
      ctx.db,
      sql`SELECT b.id, b.group_id AS "groupId", g.name AS "groupName", b.product_id AS "productId", b.category_id AS "categoryId",
          b.min_quantity AS "minQuantity", b.kind::text AS kind, b.unit_price_cents AS "unitPriceCents", b.percent_off_bps AS "percentOffBps"
        FROM group_members gm
        JOIN group_price_breaks b ON b.group_id = gm.group_id
        JOIN groups g ON g.id = b.group_id
        WHERE gm.user_id = ${input.userId}
          AND (b.product_id IN (${inList(productIds, "int")}) OR b.category_id IN (${inList(categoryIds, "int")}))`,
    ),
    queryRows<{ id: number; name: string }>(
      ctx.db,
      sql`SELECT g.id, g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id
        WHERE gm.user_id = ${input.userId} AND g.tax_exempt ORDER BY lower(g.name)`,
    ),
    getSettings(ctx.db),
  ]);
  const cands = candidates.map((c) => ({ ...c, unitPriceCents: c.unitPriceCents === null ? null : Number(c.unitPriceCents) }));

  const lines: PricedLine[] = resolved.map(({ product, quantity }) => {
    const { unit, applied } = pickBreak(product, quantity, cands);
    return {
      productId: product.id,
      sku: product.sku,
      name: product.name,
      quantity,
      listUnitPriceCents: product.priceCents,
      unitPriceCents: unit,
      lineTotalCents: unit * quantity,
      appliedBreak: applied && {
        id: applied.id,
        groupId: applied.groupId,
        groupName: applied.groupName,
        scope: applied.productId !== null ? "product" : "category",
        minQuantity: applied.minQuantity,
        kind: applied.kind,
        unitPriceCents: applied.unitPriceCents,
        percentOffBps: applied.percentOffBps,
      },
    };
  });
  const listTotalCents = lines.reduce((s, l) => s + l.listUnitPriceCents * l.quantity, 0);
  const totalCents = lines.reduce((s, l) => s + l.lineTotalCents, 0);
  return {
    userId: input.userId,
    currency: settings.currency,
    lines,
    taxExempt: exempt.length > 0,
    taxExemptGroups: exempt,
    listTotalCents,
    discountCents: listTotalCents - totalCents,
    totalCents,
    rule: BEST_PRICE_RULE,
  };
}
