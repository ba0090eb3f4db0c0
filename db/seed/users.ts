import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";

const FIRST = [
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Sophia", "Grace", "Lily", "Freya", "Emily", "Ivy", "Ella", "Rosie",
  "Evie", "Florence", "Poppy", "Charlotte", "Willow", "Harper", "Sienna", "Noah", "Oliver", "George", "Arthur",
  "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore", "Freddie", "Jack", "Charlie", "Thomas",
  "James", "William", "Lucas", "Mohammed", "Alfie", "Priya", "Aisha", "Wei", "Mateo", "Sofia", "Yusuf", "Chloe",
  "Daniel", "Hannah", "Samuel", "Zara", "Ethan", "Maya", "Jacob", "Ruby", "Aarav", "Nia", "Kenji", "Elena", "Omar",
];
const LAST = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
  "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood",
  "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison",
  "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Watson", "Davis", "Parker", "James", "Bennett",
  "Young", "Phillips", "Richardson", "Mitchell", "Chen", "Nguyen", "Kowalski", "Okafor", "Murphy", "O'Brien",
  "Fernandes", "Rossi", "Müller", "Novak",
];
const COMPANY_A = [
  "Northwind", "Bluebell", "Harbour", "Summit", "Oak & Ash", "Riverside", "Crescent", "Kestrel", "Meridian",
  "Granite", "Willow", "Beacon", "Thistle", "Copper", "Evergreen", "Lakeside", "Ironbridge", "Fenwick", "Sterling",
  "Highland",
];
const COMPANY_B = [
  "Trading", "Supplies", "Wholesale", "Distribution", "Interiors", "Hardware", "Outfitters", "Provisions", "Builders",
  "Electrical", "Garden Centre", "Cafés", "Hotels", "Studios", "Engineering",
];
const DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com", "icloud.com", "btinternet.com", "proton.me"];
const CITIES = ["London", "Manchester", "Leeds", "Bristol", "Glasgow", "Cardiff", "Belfast", "Birmingham", "York", "Brighton", "Edinburgh", "Norwich"];
const TITLES = ["Buyer", "Owner", "Purchasing Manager", "Director", "Office Manager", "Procurement Lead", "Store Manager"];

function arr(values: string[]) {
  return sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
}

export interface SeedUsersOptions {
  count: number;
  /** Hash shared by seeded customers who have a password (nobody knows it). */
  passwordHash: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Inserts `count` realistic users with one set-based statement per batch (generate_series), so a
 * million rows take a minute on the server rather than hours of round-trips.
 */
export async function seedUsers(db: Database, opts: SeedUsersOptions): Promise<void> {
  const batch = opts.batchSize ?? 50_000;
  const [levels] = await Promise.all([
    queryRows<{ id: number }>(db, sql`SELECT id FROM customer_levels ORDER BY position`),
  ]);
  const levelIds = levels.map((l) => l.id);
  const levelArr = levelIds.length ? sql`ARRAY[${sql.join(levelIds.map((id) => sql`${id}`), sql`, `)}]::int[]` : sql`ARRAY[]::int[]`;
  const [{ start } = { start: 0 }] = await queryRows<{ start: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS start FROM users`);

  for (let done = 0; done < opts.count; done += batch) {
    const from = Number(start) + done + 1;
    const to = Number(start) + Math.min(opts.count, done + batch);
    await db.execute(sql`
      WITH r AS (
        SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
               now() - (random() * interval '1460 days') AS created
        FROM generate_series(${from}::int, ${to}::int) AS i
      ),
      p AS (
        SELECT r.*,
          (${arr(FIRST)})[1 + floor(r1 * ${FIRST.length})::int] AS fn,
          (${arr(LAST)})[1 + floor(r2 * ${LAST.length})::int] AS ln,
          CASE WHEN r3 < 0.45 THEN 'ecommerce' WHEN r3 < 0.65 THEN 'subscriber' WHEN r3 < 0.75 THEN 'manual'
               WHEN r3 < 0.85 THEN 'import' WHEN r3 < 0.95 THEN 'prospect' ELSE 'invite' END AS src
        FROM r
      )
      INSERT INTO users (
        email, first_name, last_name, phone, company, job_title, city, country, role, status, level_id, source,
        subscribed, subscription_confirmed_at, subscription_changed_at, email_confirmed_at, invite_state,
        password_hash, password_changed_at, prospect_stage, last_active_at, created_at, updated_at
      )
      SELECT
        lower(regexp_replace(fn || '.' || ln, '[^A-Za-z.]', '', 'g')) || i || '@' || (${arr(DOMAINS)})[1 + (i % ${DOMAINS.length})],
        fn, ln,
        CASE WHEN r4 < 0.6 THEN '+44 7' || lpad((floor(r5 * 1000000000))::bigint::text, 9, '0') END,
        CASE WHEN src IN ('prospect', 'import') OR r4 < 0.3
             THEN (${arr(COMPANY_A)})[1 + floor(r6 * ${COMPANY_A.length})::int] || ' ' || (${arr(COMPANY_B)})[1 + floor(r5 * ${COMPANY_B.length})::int] END,
        CASE WHEN src IN ('prospect', 'import') THEN (${arr(TITLES)})[1 + floor(r1 * ${TITLES.length})::int] END,
        (${arr(CITIES)})[1 + floor(r6 * ${CITIES.length})::int],
        'GB',
        'customer'::user_role,
        (CASE WHEN r5 < 0.80 THEN 'approved' WHEN r5 < 0.90 THEN 'pending' WHEN r5 < 0.95 THEN 'suspended' ELSE 'rejected' END)::user_status,
        CASE WHEN cardinality(${levelArr}) > 0 AND src <> 'subscriber'
             THEN (${levelArr})[1 + floor(power(r4, 2) * cardinality(${levelArr}))::int] END,
        src::user_source,
        (src = 'subscriber' OR r6 < 0.35),
        CASE WHEN (src = 'subscriber' OR r6 < 0.35) AND r2 < 0.9 THEN created + interval '1 hour' END,
        CASE WHEN (src = 'subscriber' OR r6 < 0.35) THEN created END,
        CASE WHEN r1 < 0.85 THEN created + interval '10 minutes' END,
        (CASE WHEN src = 'invite' THEN (CASE WHEN r2 < 0.7 THEN 'accepted' ELSE 'pending' END) ELSE 'none' END)::invite_state,
        CASE WHEN src IN ('ecommerce', 'manual', 'import') OR (src = 'invite' AND r2 < 0.7) THEN ${opts.passwordHash} END,
        CASE WHEN src IN ('ecommerce', 'manual', 'import') OR (src = 'invite' AND r2 < 0.7) THEN created END,
        CASE WHEN src = 'prospect'
             THEN ((ARRAY['new','contacted','qualified','won','lost'])[1 + floor(r3 * 50)::int % 5])::prospect_stage END,
        CASE WHEN src IN ('ecommerce', 'manual', 'import', 'invite') AND r4 > 0.1
             THEN created + (now() - created) * power(r6, 0.35) END,
        created,
        created
      FROM p
    `);
    opts.onProgress?.(Math.min(opts.count, done + batch), opts.count);
  }
}

export const DEMO_LEVELS = ["Retail", "Trade", "Gold", "Distributor"];

export async function seedLevels(db: Database): Promise<void> {
  const existing = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM customer_levels`);
  if (Number(existing[0]?.n ?? 0) > 0) return;
  await db.execute(sql`
    INSERT INTO customer_levels (name, position)
    SELECT name, ord::int FROM unnest(${arr(DEMO_LEVELS)}) WITH ORDINALITY AS t(name, ord)`);
}

/** Every seeded user gets a "created" entry so timelines are never empty. */
export async function seedCreatedEvents(db: Database, sinceUserId: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO timeline_events (user_id, kind, summary, data, created_at)
    SELECT id, 'created', 'Record created (' || source || ')', jsonb_build_object('source', source), created_at
    FROM users WHERE id > ${sinceUserId}`);
  await db.execute(sql`
    INSERT INTO timeline_events (user_id, kind, summary, data, created_at)
    SELECT id, 'login', 'Signed in', '{}'::jsonb, last_active_at
    FROM users WHERE id > ${sinceUserId} AND last_active_at IS NOT NULL`);
}
