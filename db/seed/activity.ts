import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";

const COMMENTS = [
  "Called to discuss their trade account application; sending the credit form today.",
  "Asked for a quote on 200 units for their spring range. Following up Friday.",
  "Prefers email over phone. Best reached mornings.",
  "Complained about a late delivery (courier issue). Offered free shipping on the next order.",
  "Met at the trade show. Interested in the distributor programme.",
  "Confirmed VAT number and billing address over the phone.",
  "Wants samples of the new catalogue before committing to a bulk order.",
  "Payment terms agreed: 30 days from invoice.",
  "Account manager changed: now handled by the north team.",
  "Requested removal from the newsletter but wants order updates by email.",
  "Reorder due next month based on their usual cycle.",
  "Returned two damaged items; replacement sent, no charge.",
  "Asked whether we can match a competitor's price on the bulk line.",
  "Upgraded to trade pricing after their third order this quarter.",
];

export interface SeedActivityOptions {
  /** Staff who write the comments and make the changes. */
  staffIds: number[];
  /** Only users with a greater id get activity (the ones this seed run created). */
  sinceUserId?: number;
  /** Share of those users that get activity; default 2%. */
  fraction?: number;
}

/**
 * Staff comments, status approvals and level assignments (each on the timeline and in the
 * audit log) for a random sample of customers. One set-based statement, so it costs a scan of
 * the users table and nothing per user from the client, even at a million users.
 */
export async function seedActivity(db: Database, opts: SeedActivityOptions): Promise<number> {
  if (opts.staffIds.length === 0) return 0;
  const percent = Math.min(100, Math.max(0, (opts.fraction ?? 0.02) * 100));
  const staff = sql`ARRAY[${sql.join(opts.staffIds.map((id) => sql`${id}`), sql`, `)}]::bigint[]`;
  const comments = sql`ARRAY[${sql.join(COMMENTS.map((c) => sql`${c}`), sql`, `)}]::text[]`;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`
    WITH sample AS MATERIALIZED (
      SELECT u.id, u.created_at, u.status, u.level_id, random() AS r
      FROM users u TABLESAMPLE BERNOULLI (${sql.raw(String(percent))})
      WHERE u.id > ${opts.sinceUserId ?? 0} AND u.role = 'customer' AND u.anonymised_at IS NULL
    ),
    commented AS (
      INSERT INTO timeline_events (user_id, kind, summary, data, actor_id, created_at)
      SELECT s.id, 'comment', 'Comment',
             jsonb_build_object('body', (${comments})[1 + floor(random() * ${COMMENTS.length})::int]),
             (${staff})[1 + floor(random() * ${opts.staffIds.length})::int],
             s.created_at + (now() - s.created_at) * random()
      FROM sample s, generate_series(1, 1 + (s.id % 3)::int) AS g
      RETURNING 1
    ),
    approvals AS MATERIALIZED (
      SELECT s.id, s.created_at + (now() - s.created_at) * random() * 0.05 AS at,
             (${staff})[1 + floor(random() * ${opts.staffIds.length})::int] AS actor
      FROM sample s WHERE s.status = 'approved' AND s.r < 0.6
    ),
    approval_timeline AS (
      INSERT INTO timeline_events (user_id, kind, summary, data, actor_id, created_at)
      SELECT a.id, 'status', 'Status: pending → approved',
             jsonb_build_object('changes', jsonb_build_array(jsonb_build_object('field', 'status', 'before', 'pending', 'after', 'approved'))),
             a.actor, a.at
      FROM approvals a
      RETURNING 1
    ),
    approval_audit AS (
      INSERT INTO audit_events (actor_id, actor_email, action, target_type, target_id, before, after, ip, created_at)
      SELECT a.actor, st.email, 'user.set_status', 'user', a.id::text,
             '{"status":"pending"}'::jsonb, '{"status":"approved"}'::jsonb, '10.20.0.' || (a.actor % 250)::text, a.at
      FROM approvals a JOIN users st ON st.id = a.actor
      RETURNING 1
    ),
    levels AS MATERIALIZED (
      SELECT s.id, l.name, s.created_at + (now() - s.created_at) * (0.05 + random() * 0.5) AS at,
             (${staff})[1 + floor(random() * ${opts.staffIds.length})::int] AS actor
      FROM sample s JOIN customer_levels l ON l.id = s.level_id
      WHERE s.r >= 0.3
    ),
    level_timeline AS (
      INSERT INTO timeline_events (user_id, kind, summary, data, actor_id, created_at)
      SELECT v.id, 'level', 'Level set to ' || v.name,
             jsonb_build_object('changes', jsonb_build_array(jsonb_build_object('field', 'level', 'before', null, 'after', v.name))),
             v.actor, v.at
      FROM levels v
      RETURNING 1
    ),
    level_audit AS (
      INSERT INTO audit_events (actor_id, actor_email, action, target_type, target_id, before, after, ip, created_at)
      SELECT v.actor, st.email, 'user.update', 'user', v.id::text,
             '{"level":null}'::jsonb, jsonb_build_object('level', v.name), '10.20.0.' || (v.actor % 250)::text, v.at
      FROM levels v JOIN users st ON st.id = v.actor
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM sample)::int AS n,
           (SELECT count(*) FROM commented) + (SELECT count(*) FROM approval_timeline) + (SELECT count(*) FROM approval_audit)
         + (SELECT count(*) FROM level_timeline) + (SELECT count(*) FROM level_audit) AS written`,
  );
  return Number(row?.n ?? 0);
}
