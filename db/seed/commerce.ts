import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";

export interface SeedCommerceOptions {
  /** Only users with a larger id get orders, quotes and targets (the seeder adds to what exists). */
  sinceUserId: number;
  /** Users per batch; each batch is a few set-based statements. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

const CATEGORIES = [
  "Fasteners", "Hand tools", "Power tools", "Electrical", "Plumbing", "Paint", "Garden", "Lighting",
  "Safety", "Storage", "Adhesives", "Abrasives", "Timber", "Ironmongery", "Cleaning", "Workwear",
];
const ADJECTIVES = ["Pro", "Heavy-duty", "Compact", "Classic", "Eco", "Premium", "Trade", "Mini", "Ultra", "Smart", "Rapid", "Essential"];
const NOUNS = ["Drill", "Hammer", "Screw pack", "Cable", "Valve", "Brush", "Hose", "Lamp", "Gloves", "Box", "Glue", "Sander", "Saw", "Hinge", "Mop", "Jacket", "Ladder", "Clamp", "Tape", "Bracket"];
const TAGS = ["Bestseller", "New", "Eco", "Trade only", "Clearance", "Bulk", "Seasonal", "Imported", "Made in UK", "Gift", "Outdoor", "Indoor", "Cordless", "Refill", "Kit", "Spare part", "Premium", "Budget", "Fragile", "Hazardous"];

const arr = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

/*
 * Lines are a pure function of the order id, so the order's total (computed when the order is
 * inserted) and its lines (inserted next) agree without a second pass over millions of rows.
 * h(id, j) is a cheap integer hash; product popularity is skewed (power 2) toward low indexes.
 */
const h = (a: string, j: string, salt: number) => `(((${a}) * 2654435761 + (${j}) * 40503 + ${salt}) % 1000003)`;
const LINE_COUNT = (o: string) => sql.raw(`(1 + ${h(o, "0", 17)} % 5)`);
const PRODUCT_IDX = (o: string, j: string) => sql.raw(`floor(power(${h(o, j, 91)}::float8 / 1000003, 2) * pc.n)::int`);
const QUANTITY = (o: string, j: string) => sql.raw(`(1 + ${h(o, j, 7)} % 4)`);

/** Products in categories with tags, orders and quotes over two years, targets for distributors. */
export async function seedCommerce(db: Database, opts: SeedCommerceOptions): Promise<void> {
  await seedCatalogue(db);
  const [bounds] = await queryRows<{ lo: number; hi: number; users: number }>(
    db,
    sql`SELECT coalesce(min(id), 0)::bigint AS lo, coalesce(max(id), 0)::bigint AS hi, count(*)::int AS users FROM users WHERE id > ${opts.sinceUserId}`,
  );
  const lo = Number(bounds?.lo ?? 0);
  const hi = Number(bounds?.hi ?? 0);
  const userCount = Number(bounds?.users ?? 0);
  if (userCount === 0) return;

  // A few heavy buyers (distributors): about 8,900 orders for the heaviest at a million users.
  const heavyCount = Math.max(1, Math.floor(userCount / 50_000));
  const heavyOrders = Math.min(8_900, Math.max(100, Math.floor(userCount / 112)));
  const heavy = await queryRows<{ id: number }>(
    db,
    sql`SELECT u.id FROM users u JOIN customer_levels l ON l.id = u.level_id
        WHERE u.id > ${opts.sinceUserId} AND u.role = 'customer' AND l.name = 'Distributor' AND u.anonymised_at IS NULL
        ORDER BY u.id LIMIT ${heavyCount}`,
  );
  const heavyIds = heavy.map((r) => Number(r.id));
  const heavyValues = heavyIds.length
    ? sql`VALUES ${sql.join(heavyIds.map((id, i) => sql`(${id}::bigint, ${Math.round(heavyOrders * (1 - (0.5 * i) / heavyIds.length))}::int)`), sql`, `)}`
    : sql`SELECT NULL::bigint, NULL::int WHERE false`;
  const [{ currency } = { currency: "GBP" }] = await queryRows<{ currency: string }>(db, sql`SELECT currency FROM settings WHERE id = 1`);

  const batch = opts.batchSize ?? 50_000;
  for (let from = lo; from <= hi; from += batch) {
    const to = Math.min(hi, from + batch - 1);
    await seedOrderBatch(db, { from, to, heavyValues, currency });
    opts.onProgress?.(Math.min(userCount, to - lo + 1), hi - lo + 1);
  }
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT coalesce(max(id), 1) FROM orders))`);
  await seedQuotes(db, opts.sinceUserId, currency);
  await seedTargets(db, opts.sinceUserId, userCount);
}

async function seedCatalogue(db: Database): Promise<void> {
  const [existing] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM products`);
  if (Number(existing?.n) > 0) return;
  await db.execute(sql`INSERT INTO categories (name) SELECT unnest(${arr(CATEGORIES)}) ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO product_tags (name) SELECT unnest(${arr(TAGS)}) ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    INSERT INTO products (sku, name, price_cents, category_id)
    SELECT 'SKU-' || lpad(i::text, 5, '0'),
           (${arr(ADJECTIVES)})[1 + i % ${ADJECTIVES.length}] || ' ' || lower((${arr(NOUNS)})[1 + (i / ${ADJECTIVES.length}) % ${NOUNS.length}]) || ' ' || i,
           (199 + (i * 7919) % 24800)::bigint,
           c.id
    FROM generate_series(1, 5000) i
    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM categories) c ON c.k = (i * 31) % ${CATEGORIES.length}`);
  await db.execute(sql`
    INSERT INTO product_tag_links (product_id, tag_id)
    SELECT DISTINCT p.id, t.id
    FROM products p, generate_series(0, 2) j,
         (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM product_tags) t
    WHERE j < 1 + p.id % 3 AND t.k = (p.id * 13 + j * 7) % ${TAGS.length}
    ON CONFLICT DO NOTHING`);
}

async function seedOrderBatch(
  db: Database,
  b: { from: number; to: number; heavyValues: ReturnType<typeof sql>; currency: string },
): Promise<void> {
  const [{ base } = { base: 0 }] = await queryRows<{ base: number }>(db, sql`SELECT coalesce(max(id), 0)::bigint AS base FROM orders`);
  const startId = Number(base);
  // Orders per user by source (ecommerce buyers buy most); dates in the last two years after the
  // user's creation, biased to recent months and to November–December (pick the likelier of two).
  await db.execute(sql`
    WITH heavy(user_id, n) AS (${b.heavyValues}),
    pc AS (SELECT count(*)::int AS n, min(id) AS first FROM products),
    buyers AS (
      SELECT u.id AS user_id, greatest(u.created_at, now() - interval '730 days') AS since,
             coalesce(h.n, CASE
               WHEN u.source = 'ecommerce' THEN floor(-ln(1 - random()) * 6)::int
               WHEN u.source IN ('import', 'manual') AND random() < 0.4 THEN floor(-ln(1 - random()) * 3)::int
               WHEN u.source = 'prospect' AND u.prospect_stage = 'won' THEN 1 + floor(random() * 3)::int
               ELSE 0 END) AS n
      FROM users u LEFT JOIN heavy h ON h.user_id = u.id
      WHERE u.id BETWEEN ${b.from} AND ${b.to} AND u.role = 'customer' AND u.anonymised_at IS NULL
    ),
    o AS (
      SELECT ${startId}::bigint + row_number() OVER () AS id, user_id, since, random() AS s, random() AS c1, random() AS c2
      FROM buyers, generate_series(1, buyers.n) WHERE buyers.n > 0
    ),
    dated AS (
      SELECT id, user_id, s, placed_at FROM (
        SELECT o.id, o.user_id, o.s,
               o.since + (now() - o.since) * sqrt(x.f) AS placed_at
        FROM o CROSS JOIN LATERAL (
          SELECT CASE WHEN 1 + 0.6 * cos(2 * pi() * (extract(doy FROM o.since + (now() - o.since) * sqrt(o.c1)) - 345) / 365)
                         >= 1 + 0.6 * cos(2 * pi() * (extract(doy FROM o.since + (now() - o.since) * sqrt(o.c2)) - 345) / 365)
                      THEN o.c1 ELSE o.c2 END AS f
        ) x
      ) d
    )
    INSERT INTO orders (id, user_id, external_id, status, currency, subtotal_cents, tax_cents, shipping_cents, total_cents, placed_at, created_at, updated_at)
    SELECT d.id, d.user_id, 'SEED-' || d.id,
           (CASE WHEN d.s < 0.02 THEN 'cancelled' WHEN d.s < 0.03 THEN 'refunded'
                 WHEN d.placed_at > now() - interval '3 days' THEN (CASE WHEN d.s < 0.5 THEN 'pending' ELSE 'paid' END)
                 ELSE 'fulfilled' END)::order_status,
           ${b.currency}, t.subtotal, round(t.subtotal * 0.2)::bigint, CASE WHEN t.subtotal >= 5000 THEN 0 ELSE 495 END,
           t.subtotal + round(t.subtotal * 0.2)::bigint + CASE WHEN t.subtotal >= 5000 THEN 0 ELSE 495 END,
           d.placed_at, d.placed_at, d.placed_at
    FROM dated d, pc CROSS JOIN LATERAL (
      SELECT sum(${QUANTITY("d.id", "j")} * p.price_cents)::bigint AS subtotal
      FROM generate_series(1, ${LINE_COUNT("d.id")}) j
      JOIN products p ON p.id = pc.first + ${PRODUCT_IDX("d.id", "j")}
    ) t`);
  await db.execute(sql`
    INSERT INTO order_lines (order_id, product_id, sku, name, quantity, unit_price_cents, line_total_cents)
    SELECT o.id, p.id, p.sku, p.name, ${QUANTITY("o.id", "j")}, p.price_cents, ${QUANTITY("o.id", "j")} * p.price_cents
    FROM orders o, (SELECT count(*)::int AS n, min(id) AS first FROM products) pc,
         generate_series(1, ${LINE_COUNT("o.id")}) j, products p
    WHERE o.id > ${startId} AND p.id = pc.first + ${PRODUCT_IDX("o.id", "j")}`);
  await db.execute(sql`
    INSERT INTO timeline_events (user_id, kind, summary, data, created_at)
    SELECT user_id, 'order', 'Order ' || external_id || ' placed: ' || currency || ' ' || to_char(total_cents / 100.0, 'FM999,999,990.00') || ' (' || status || ')',
           jsonb_build_object('orderId', id, 'externalId', external_id, 'status', status, 'totalCents', total_cents),
           placed_at
    FROM orders WHERE id > ${startId}`);
}

async function seedQuotes(db: Database, sinceUserId: number, currency: string): Promise<void> {
  const [{ base } = { base: 0 }] = await queryRows<{ base: number }>(db, sql`SELECT coalesce(max(id), 0)::bigint AS base FROM quotes`);
  await db.execute(sql`
    WITH pc AS (SELECT count(*)::int AS n, min(id) AS first FROM products),
    q AS (
      SELECT ${Number(base)}::bigint + row_number() OVER () AS id, u.id AS user_id,
             now() - random() * interval '700 days' AS quoted_at, random() AS s
      FROM users u, generate_series(1, 1 + (u.id % 3)::int)
      WHERE u.id > ${sinceUserId} AND u.role = 'customer' AND u.anonymised_at IS NULL
        AND (u.source = 'prospect' OR u.id % 7 = 0)
    )
    INSERT INTO quotes (id, user_id, external_id, status, currency, total_cents, quoted_at, expires_at, created_at, updated_at)
    SELECT q.id, q.user_id, 'SEEDQ-' || q.id,
           (CASE WHEN q.quoted_at + interval '30 days' < now() AND q.s < 0.5 THEN 'expired'
                 WHEN q.s < 0.7 THEN 'accepted' WHEN q.s < 0.8 THEN 'declined' WHEN q.s < 0.9 THEN 'sent' ELSE 'draft' END)::quote_status,
           ${currency}, t.total, q.quoted_at, q.quoted_at + interval '30 days', q.quoted_at, q.quoted_at
    FROM q, pc CROSS JOIN LATERAL (
      SELECT sum(${QUANTITY("q.id", "j")} * 5 * p.price_cents)::bigint AS total
      FROM generate_series(1, ${LINE_COUNT("q.id")}) j JOIN products p ON p.id = pc.first + ${PRODUCT_IDX("q.id", "j")}
    ) t`);
  await db.execute(sql`
    INSERT INTO quote_lines (quote_id, product_id, sku, name, quantity, unit_price_cents, line_total_cents)
    SELECT q.id, p.id, p.sku, p.name, ${QUANTITY("q.id", "j")} * 5, p.price_cents, ${QUANTITY("q.id", "j")} * 5 * p.price_cents
    FROM quotes q, (SELECT count(*)::int AS n, min(id) AS first FROM products) pc,
         generate_series(1, ${LINE_COUNT("q.id")}) j, products p
    WHERE q.id > ${Number(base)} AND p.id = pc.first + ${PRODUCT_IDX("q.id", "j")}`);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('quotes', 'id'), (SELECT coalesce(max(id), 1) FROM quotes))`);
  await db.execute(sql`
    INSERT INTO timeline_events (user_id, kind, summary, data, created_at)
    SELECT user_id, 'quote', 'Quote ' || external_id || ': ' || currency || ' ' || to_char(total_cents / 100.0, 'FM999,999,990.00') || ' (' || status || ')',
           jsonb_build_object('quoteId', id, 'externalId', external_id, 'status', status, 'totalCents', total_cents), quoted_at
    FROM quotes WHERE id > ${Number(base)}`);
}

/** Targets for distributors (about 10,000 at a million users): last year's spend ± 40 %, or a round figure. */
async function seedTargets(db: Database, sinceUserId: number, userCount: number): Promise<void> {
  const every = userCount >= 20_000 ? 10 : 1;
  await db.execute(sql`
    INSERT INTO sales_targets (user_id, annual_target_cents)
    SELECT u.id, greatest(100000, round(coalesce(s.spend, 0) * (0.8 + random() * 0.6) / 10000) * 10000 + CASE WHEN s.spend IS NULL THEN 2500000 ELSE 0 END)::bigint
    FROM users u JOIN customer_levels l ON l.id = u.level_id
    LEFT JOIN LATERAL (
      SELECT sum(o.total_cents) AS spend FROM orders o
      WHERE o.user_id = u.id AND o.placed_at >= now() - interval '365 days' AND o.status NOT IN ('cancelled', 'refunded')
    ) s ON true
    WHERE u.id > ${sinceUserId} AND l.name = 'Distributor' AND u.role = 'customer' AND u.id % ${every} = 0
    ON CONFLICT (user_id) DO NOTHING`);
}
