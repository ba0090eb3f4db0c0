// S1–S3 at full size: 100,000 pasted addresses (half already users), uploaded in chunks, checked and
// applied through the procedures, all inside a transaction that is rolled back, so the bench database
// is left as it was. Beside it the bare SQL: look the addresses up, then upsert them in one statement.
import { SUBSCRIBER_CHUNK } from "../../server/schemas/subscribers";
import type { Database } from "../../db/client";
import { stats, type Case } from "./lib";
import type { BenchContext } from "./context";

class Rollback extends Error {}

export async function subscriberCases(b: BenchContext): Promise<Case[]> {
  const { db, bare, owner, quick } = b;
  const total = quick ? 2_000 : 100_000;
  const existing = await bare.unsafe<{ email: string }[]>(
    `SELECT lower(email) AS email FROM users WHERE role = 'customer' AND anonymised_at IS NULL AND id % 2 = 0 ORDER BY id LIMIT $1`,
    [total / 2],
  );
  const lines = existing.map((r) => r.email);
  for (let i = 0; lines.length < total; i++) lines.push(`new.subscriber${i}.bench@gmail.com`);
  // Interleave old and new the way a real paste mixes them.
  lines.sort((a, c) => (a.length % 7) - (c.length % 7));

  const checkMs: number[] = [];
  const applyMs: number[] = [];
  let last: { counts: unknown; applied: unknown } | null = null;

  async function inRollback(fn: (tx: Database) => Promise<void>) {
    try {
      await db.transaction(async (tx) => {
        await fn(tx as unknown as Database);
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  }

  return [
    {
      id: "subscribers.paste",
      label: `subscribers: ${total.toLocaleString("en")} pasted, upload + check + apply (rolled back)`,
      target: quick ? undefined : { ms: 10_000, stat: "p50", label: "100,000 checked and applied < 10 s" },
      runs: 3,
      warmup: 0,
      proc: () =>
        inRollback(async (tx) => {
          const caller = owner.callerOn(tx);
          const t0 = performance.now();
          const { id } = await caller.subscribers.imports.create({ action: "subscribe" });
          for (let i = 0; i < lines.length; i += SUBSCRIBER_CHUNK) {
            await caller.subscribers.imports.upload({ id, startLine: i + 1, lines: lines.slice(i, i + SUBSCRIBER_CHUNK) });
          }
          const summary = await caller.subscribers.imports.check({ id });
          const t1 = performance.now();
          const applied = await caller.subscribers.imports.execute({ id });
          checkMs.push(t1 - t0);
          applyMs.push(performance.now() - t1);
          last = { counts: summary.counts, applied };
        }),
      sql: async () => {
          // The bare floor: the same driver, one transaction that is rolled back.
          await bare.begin(async (t) => {
            await t.unsafe(`SELECT e.email, u.id, u.subscribed FROM unnest($1::text[]) AS e(email) LEFT JOIN users u ON lower(u.email) = e.email`, [lines], {
              prepare: true,
            });
            await t.unsafe(
              `WITH up AS (
                 INSERT INTO users AS u (email, source, status, subscribed, subscription_confirmed_at, subscription_changed_at)
                 SELECT DISTINCT e, 'subscriber'::user_source, 'approved'::user_status, true, now(), now() FROM unnest($1::text[]) AS e
                 ON CONFLICT ((lower(email))) DO UPDATE SET subscribed = true, subscription_confirmed_at = now(),
                   subscription_changed_at = now(), version = u.version + 1, updated_at = now()
                 WHERE NOT u.subscribed AND u.anonymised_at IS NULL
                 RETURNING u.id
               ), consent AS (
                 INSERT INTO consents (user_id, kind, granted, source, actor_id) SELECT id, 'newsletter', true, 'bench', $2::bigint FROM up RETURNING 1
               ), tl AS (
                 INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
                 SELECT id, 'consent', 'Subscribed (bench)', '{}'::jsonb, $2::bigint FROM up RETURNING 1
               )
               SELECT (SELECT count(*) FROM up) AS changed, (SELECT count(*) FROM consent) + (SELECT count(*) FROM tl) AS written`,
              [lines, owner.id],
              { prepare: true },
            );
            throw new Rollback();
          }).catch((err: unknown) => {
            if (!(err instanceof Rollback)) throw err;
          });
        },
      extra: async () => {
        const c = stats(checkMs);
        const a = stats(applyMs);
        return {
          "paste+check p50 ms": Math.round(c.p50),
          "apply p50 ms": Math.round(a.p50),
          outcome: last ? JSON.stringify(last).replace(/"/g, "").slice(0, 160) : "—",
        };
      },
      note: "Procedure path and bare SQL each run in a transaction that is rolled back.",
    },
  ];
}
