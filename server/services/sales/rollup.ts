import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { NON_REVENUE_STATUSES, type Ranked } from "@/server/schemas/sales";

/** SQL predicate: the order `o` is revenue (not cancelled or refunded). */
export const REVENUE = sql.raw(`o.status NOT IN (${NON_REVENUE_STATUSES.map((s) => `'${s}'`).join(", ")})`);

/**
 * Which orders a report covers, as a predicate over `o` (orders). Reports take any scope, so the
 * groups issue can pass "users in group G" or "users of smart type S" without touching this module.
 */
export type OrderScope = SQL;

export const scopeUser = (userId: number): OrderScope => sql`o.user_id = ${userId}`;
export const scopeAll: OrderScope = sql`true`;
export const scopeUsersWhere = (userCondition: SQL): OrderScope => sql`o.user_id IN (SELECT u.id FROM users u WHERE ${userCondition})`;

export interface TopSellers {
  products: (Ranked & { sku: string })[];
  categories: Ranked[];
  tags: Ranked[];
}

/**
 * Top products, categories and product tags of the matching orders in one pass: lines are summed
 * per product once, then rolled up to categories and tags (a line counts for each of its tags).
 */
export async function topSellers(db: Database, where: SQL, top: number): Promise<TopSellers> {
  const rows = await queryRows<{ kind: "product" | "category" | "tag"; id: number | null; name: string; sku: string | null; revenue: number; quantity: number }>(
    db,
    sql`
    WITH p AS MATERIALIZED (
      -- Only columns of order_lines_order_idx, so the lines are read index-only; names come from products.
      SELECT l.product_id, sum(l.line_total_cents) AS revenue, sum(l.quantity) AS quantity
      FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE ${where} AND ${REVENUE}
      GROUP BY l.product_id
    )
    (SELECT 'product' AS kind, p.product_id AS id, coalesce(pr.name, 'Products no longer in the catalogue') AS name, coalesce(pr.sku, '') AS sku,
            p.revenue::bigint AS revenue, p.quantity::bigint AS quantity
     FROM p LEFT JOIN products pr ON pr.id = p.product_id
     ORDER BY p.revenue DESC, p.product_id LIMIT ${top})
    UNION ALL
    (SELECT 'category', c.id, coalesce(c.name, 'Uncategorised'), NULL, sum(p.revenue)::bigint, sum(p.quantity)::bigint
     FROM p LEFT JOIN products pr ON pr.id = p.product_id LEFT JOIN categories c ON c.id = pr.category_id
     GROUP BY c.id, c.name ORDER BY 5 DESC, 2 NULLS LAST LIMIT ${top})
    UNION ALL
    (SELECT 'tag', t.id, t.name, NULL, sum(p.revenue)::bigint, sum(p.quantity)::bigint
     FROM p JOIN product_tag_links pl ON pl.product_id = p.product_id JOIN product_tags t ON t.id = pl.tag_id
     GROUP BY t.id, t.name ORDER BY 5 DESC, 2 LIMIT ${top})`,
  );
  const out: TopSellers = { products: [], categories: [], tags: [] };
  for (const r of rows) {
    const base = { id: r.id === null ? null : Number(r.id), name: r.name, revenueCents: Number(r.revenue), quantity: Number(r.quantity) };
    if (r.kind === "product") out.products.push({ ...base, sku: r.sku ?? "" });
    else if (r.kind === "category") out.categories.push(base);
    else out.tags.push(base);
  }
  return out;
}
