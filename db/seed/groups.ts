import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";

const GROUPS: { name: string; description: string; taxExempt?: boolean }[] = [
  { name: "Retail", description: "Walk-in and online consumers." },
  { name: "Trade", description: "Trade account holders: builders, installers, decorators." },
  { name: "Dealer", description: "Authorised dealers reselling our range." },
  { name: "Distributor", description: "Regional distributors with annual targets." },
  { name: "Wholesale", description: "Bulk buyers on wholesale terms." },
  { name: "Export", description: "Customers outside the UK: zero-rated supplies.", taxExempt: true },
  { name: "Charity", description: "Registered charities with VAT relief.", taxExempt: true },
  { name: "Staff", description: "Employees buying on the staff scheme." },
  { name: "VIP", description: "Top customers with a named account manager." },
];

/** Priority order; each type lists the groups that confer it. */
const SMART_TYPES: { name: string; groups: string[] }[] = [
  { name: "Distributor", groups: ["Distributor"] },
  { name: "Dealer", groups: ["Dealer"] },
  { name: "Trade", groups: ["Trade", "Wholesale"] },
  { name: "Staff", groups: ["Staff"] },
  { name: "Retail", groups: ["Retail"] },
];

const TAGS: [string, string][] = [
  ["Newsletter VIP", "violet"], ["Late payer", "red"], ["Trade show 2026", "blue"], ["Catalogue requested", "teal"],
  ["Key account", "green"], ["Price sensitive", "amber"], ["Needs follow-up", "pink"], ["Referral", "slate"],
  ["Online only", "blue"], ["Showroom visitor", "teal"], ["Credit hold", "red"], ["Sample sent", "amber"],
];

/**
 * Membership weights per 1,000 users: (group, share) for a first and a second pick, so most users sit in
 * about two groups and the smart types overlap the way a real store's do.
 */
const FIRST: [string, number][] = [["Retail", 520], ["Trade", 230], ["Dealer", 90], ["Distributor", 30], ["Wholesale", 80], ["Staff", 10], ["VIP", 40]];
const SECOND: [string, number][] = [["VIP", 250], ["Trade", 200], ["Export", 120], ["Wholesale", 150], ["Charity", 60], ["Dealer", 120], ["Retail", 100]];

function bucketSql(weights: [string, number][], ids: Map<string, number>, hash: ReturnType<typeof sql>) {
  let acc = 0;
  const cases = weights.map(([name, w]) => {
    acc += w;
    return sql`WHEN ${hash} < ${acc} THEN ${ids.get(name) ?? null}::int`;
  });
  return sql`(CASE ${sql.join(cases, sql` `)} END)`;
}

async function ensureNamed(db: Database, table: "groups" | "tags" | "smart_types", names: string[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; name: string }>(db, sql`SELECT id, name FROM ${sql.raw(table)}`);
  const map = new Map(rows.map((r) => [r.name, r.id]));
  return new Map(names.filter((n) => map.has(n)).map((n) => [n, map.get(n) as number]));
}

export async function seedGroups(db: Database, opts: { sinceUserId: number; onProgress?: (done: number, total: number) => void }): Promise<void> {
  for (const g of GROUPS) {
    await db.execute(sql`INSERT INTO groups (name, description, tax_exempt) VALUES (${g.name}, ${g.description}, ${g.taxExempt ?? false})
      ON CONFLICT ((lower(name))) DO NOTHING`);
  }
  const groupIds = await ensureNamed(db, "groups", GROUPS.map((g) => g.name));
  for (const t of SMART_TYPES) {
    await db.execute(sql`INSERT INTO smart_types (name, position)
      SELECT ${t.name}, (SELECT coalesce(max(position), 0) + 1 FROM smart_types)
      WHERE NOT EXISTS (SELECT 1 FROM smart_types WHERE lower(name) = lower(${t.name}))`);
  }
  const typeIds = await ensureNamed(db, "smart_types", SMART_TYPES.map((t) => t.name));
  for (const t of SMART_TYPES) {
    for (const g of t.groups) {
      await db.execute(sql`INSERT INTO smart_type_groups (smart_type_id, group_id) VALUES (${typeIds.get(t.name)}, ${groupIds.get(g)}) ON CONFLICT DO NOTHING`);
    }
  }
  for (const [name, colour] of TAGS) {
    await db.execute(sql`INSERT INTO tags (name, colour) VALUES (${name}, ${colour}) ON CONFLICT ((lower(name))) DO NOTHING`);
  }
  const tagIds = [...(await ensureNamed(db, "tags", TAGS.map((t) => t[0]))).values()];

  const [{ maxId } = { maxId: 0 }] = await queryRows<{ maxId: number }>(db, sql`SELECT coalesce(max(id), 0)::bigint AS "maxId" FROM users`);
  const batch = 100_000;
  const total = Number(maxId) - opts.sinceUserId;
  // Batches keep each statement's transition table (and the smart type refresh it triggers) bounded.
  for (let from = opts.sinceUserId; from < Number(maxId); from += batch) {
    const to = Math.min(Number(maxId), from + batch);
    // Independent pseudo-random picks per user (modular arithmetic on ids would correlate groups and tags).
    const h1 = sql`(abs(hashint8extended(u.id, 1)) % 1000)`;
    const h2 = sql`(abs(hashint8extended(u.id, 2)) % 1000)`;
    await db.execute(sql`INSERT INTO group_members (group_id, user_id, added_at)
      SELECT DISTINCT g, u.id, u.created_at FROM users u
      CROSS JOIN LATERAL (VALUES (${bucketSql(FIRST, groupIds, h1)}), (CASE WHEN abs(hashint8extended(u.id, 3)) % 10 < 9 THEN ${bucketSql(SECOND, groupIds, h2)} END)) AS v(g)
      WHERE u.id > ${from} AND u.id <= ${to} AND u.role = 'customer' AND g IS NOT NULL
      ON CONFLICT DO NOTHING`);
    if (tagIds.length) {
      // About three distinct tags per user, skewed so a few tags are common and others rare.
      await db.execute(sql`INSERT INTO user_tags (tag_id, user_id, added_at)
        SELECT DISTINCT (${`{${tagIds.join(",")}}`}::int[])[1 + (abs(hashint8extended(u.id, k.seed)) % ${tagIds.length})::int], u.id, u.created_at
        FROM users u CROSS JOIN (VALUES (11), (12), (13), (14), (15)) AS k(seed)
        WHERE u.id > ${from} AND u.id <= ${to} AND abs(hashint8extended(u.id, k.seed + 100)) % 10 < 7
        ON CONFLICT DO NOTHING`);
    }
    opts.onProgress?.(to - opts.sinceUserId, total);
  }
  const staffGroup = groupIds.get("Staff");
  if (staffGroup) {
    await db.execute(sql`INSERT INTO group_members (group_id, user_id) SELECT ${staffGroup}, id FROM users WHERE role <> 'customer' ON CONFLICT DO NOTHING`);
  }
  const trade = groupIds.get("Trade");
  if (trade) {
    await db.execute(sql`INSERT INTO group_members (group_id, user_id) SELECT ${trade}, id FROM users WHERE email = 'customer@demo.test' ON CONFLICT DO NOTHING`);
    await db.execute(sql`INSERT INTO group_messages (group_id, title, body, starts_at, ends_at)
      SELECT ${trade}, 'New trade price list', 'Our spring trade price list is live: quantity breaks on paint and tools now start from 10 units. Ask your account manager for a copy.', now() - interval '1 day', now() + interval '60 days'
      WHERE NOT EXISTS (SELECT 1 FROM group_messages WHERE group_id = ${trade})`);
  }
  const dealer = groupIds.get("Dealer");
  if (dealer) {
    await db.execute(sql`INSERT INTO group_messages (group_id, title, body, starts_at, ends_at)
      SELECT ${dealer}, 'Dealer conference', 'Join us at the dealer conference in Birmingham on 12 March. Register through your dealer portal.', now() - interval '2 days', now() + interval '30 days'
      WHERE NOT EXISTS (SELECT 1 FROM group_messages WHERE group_id = ${dealer})`);
  }
  await seedPriceBreaks(db, groupIds);
}

/** Breaks on the busiest categories and a few products, when the catalogue exists. */
async function seedPriceBreaks(db: Database, groupIds: Map<string, number>) {
  const has = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM group_price_breaks`);
  if (Number(has[0]?.n ?? 0) > 0) return;
  const cats = await queryRows<{ id: number }>(db, sql`SELECT id FROM categories ORDER BY id LIMIT 4`);
  const prods = await queryRows<{ id: number; price: number }>(db, sql`SELECT id, price_cents AS price FROM products ORDER BY id LIMIT 3`);
  const rows: ReturnType<typeof sql>[] = [];
  const add = (group: string, target: "product" | "category", id: number, qty: number, kind: "fixed" | "percent", value: number) => {
    const g = groupIds.get(group);
    if (!g) return;
    rows.push(
      sql`(${g}::int, ${target === "product" ? id : null}::int, ${target === "category" ? id : null}::int, ${qty}::int, ${kind}::price_break_kind, ${kind === "fixed" ? value : null}::bigint, ${kind === "percent" ? value : null}::int)`,
    );
  };
  for (const c of cats) {
    add("Trade", "category", c.id, 10, "percent", 1000);
    add("Trade", "category", c.id, 50, "percent", 1500);
    add("Dealer", "category", c.id, 5, "percent", 1200);
    add("Distributor", "category", c.id, 1, "percent", 2000);
  }
  for (const p of prods) add("Wholesale", "product", p.id, 25, "fixed", Math.round(Number(p.price) * 0.8));
  if (rows.length === 0) return;
  await db.execute(sql`INSERT INTO group_price_breaks (group_id, product_id, category_id, min_quantity, kind, unit_price_cents, percent_off_bps)
    VALUES ${sql.join(rows, sql`, `)} ON CONFLICT DO NOTHING`);
}
