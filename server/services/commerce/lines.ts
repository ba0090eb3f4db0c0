import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { IngestLine } from "@/server/schemas/sales";
import type { ServiceContext } from "../core/context";
import { ensureProducts } from "./catalog";

export interface LineRow {
  productId: number | null;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

type LineTable = "order_lines" | "quote_lines";
const PARENT: Record<LineTable, string> = { order_lines: "order_id", quote_lines: "quote_id" };

export async function resolveLines(ctx: ServiceContext, lines: IngestLine[]): Promise<LineRow[]> {
  const productIds = await ensureProducts(ctx, lines);
  return lines.map((l) => ({
    productId: productIds.get(l.sku) ?? null,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    lineTotalCents: l.quantity * l.unitPriceCents,
  }));
}

export async function loadLines(ctx: ServiceContext, table: LineTable, parentId: number): Promise<LineRow[]> {
  const rows = await queryRows<{ product_id: number | null; sku: string; name: string; quantity: number; unit: number; total: number }>(
    ctx.db,
    sql`SELECT product_id, sku, name, quantity, unit_price_cents AS unit, line_total_cents AS total
        FROM ${sql.raw(table)} WHERE ${sql.raw(PARENT[table])} = ${parentId} ORDER BY id`,
  );
  return rows.map((r) => ({
    productId: r.product_id === null ? null : Number(r.product_id),
    sku: r.sku,
    name: r.name,
    quantity: Number(r.quantity),
    unitPriceCents: Number(r.unit),
    lineTotalCents: Number(r.total),
  }));
}

export function sameLines(a: LineRow[], b: LineRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => {
      const o = b[i] as LineRow;
      return l.sku === o.sku && l.name === o.name && l.quantity === o.quantity && l.unitPriceCents === o.unitPriceCents && l.productId === o.productId;
    })
  );
}

/** Replaces a parent's lines with one delete and one multi-row insert. */
export async function writeLines(ctx: ServiceContext, table: LineTable, parentId: number, lines: LineRow[], replace: boolean) {
  if (replace) await ctx.db.execute(sql`DELETE FROM ${sql.raw(table)} WHERE ${sql.raw(PARENT[table])} = ${parentId}`);
  const values = lines.map(
    (l) => sql`(${parentId}, ${l.productId}, ${l.sku}, ${l.name}, ${l.quantity}, ${l.unitPriceCents}, ${l.lineTotalCents})`,
  );
  await ctx.db.execute(sql`
    INSERT INTO ${sql.raw(table)} (${sql.raw(PARENT[table])}, product_id, sku, name, quantity, unit_price_cents, line_total_cents)
    VALUES ${sql.join(values, sql`, `)}`);
}
