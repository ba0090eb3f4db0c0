import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { IngestLine } from "@/server/schemas/sales";
import type { ServiceContext } from "../core/context";

function textArray(values: string[]) {
  return sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
}

/**
 * Product id per SKU, creating products the storefront sells but we have not seen yet (with the
 * line's name, price, category and tags). Known products are left alone: an order line keeps its
 * own snapshot of name and price, and the catalogue is curated here, not by every order.
 */
export async function ensureProducts(ctx: ServiceContext, lines: IngestLine[]): Promise<Map<string, number>> {
  const bySku = new Map<string, IngestLine>();
  for (const l of lines) if (!bySku.has(l.sku)) bySku.set(l.sku, l);
  const skus = [...bySku.keys()];
  const ids = new Map<string, number>();
  const load = async () => {
    const rows = await queryRows<{ id: number; sku: string }>(ctx.db, sql`SELECT id, sku FROM products WHERE sku = ANY(${textArray(skus)})`);
    for (const r of rows) ids.set(r.sku, Number(r.id));
  };
  await load();
  const missing = skus.filter((s) => !ids.has(s)).map((s) => bySku.get(s) as IngestLine);
  if (missing.length === 0) return ids;

  const categoryNames = [...new Set(missing.map((l) => l.category).filter((c): c is string => !!c))];
  const categoryIds = await ensureNamed(ctx, "categories", categoryNames);
  for (const l of missing) {
    const categoryId = l.category ? (categoryIds.get(l.category.toLowerCase()) ?? null) : null;
    await ctx.db.execute(sql`
      INSERT INTO products (sku, name, price_cents, category_id)
      VALUES (${l.sku}, ${l.name}, ${l.unitPriceCents}, ${categoryId})
      ON CONFLICT (sku) DO NOTHING`);
  }
  await load();
  const tagNames = [...new Set(missing.flatMap((l) => l.tags ?? []))];
  if (tagNames.length) {
    const tagIds = await ensureNamed(ctx, "product_tags", tagNames);
    for (const l of missing) {
      const productId = ids.get(l.sku);
      for (const t of l.tags ?? []) {
        const tagId = tagIds.get(t.toLowerCase());
        if (productId && tagId) {
          await ctx.db.execute(sql`INSERT INTO product_tag_links (product_id, tag_id) VALUES (${productId}, ${tagId}) ON CONFLICT DO NOTHING`);
        }
      }
    }
  }
  return ids;
}

/** id per lower-cased name in a table with a unique lower(name) index, inserting the missing ones. */
async function ensureNamed(ctx: ServiceContext, table: "categories" | "product_tags", names: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (names.length === 0) return out;
  const t = sql.raw(table);
  await ctx.db.execute(sql`
    INSERT INTO ${t} (name) SELECT DISTINCT ON (lower(n)) n FROM unnest(${textArray(names)}) AS n
    ON CONFLICT ((lower(name))) DO NOTHING`);
  const rows = await queryRows<{ id: number; key: string }>(
    ctx.db,
    sql`SELECT id, lower(name) AS key FROM ${t} WHERE lower(name) = ANY(${textArray(names.map((n) => n.toLowerCase()))})`,
  );
  for (const r of rows) out.set(r.key, Number(r.id));
  return out;
}
