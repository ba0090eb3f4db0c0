import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { UserSummary } from "@/server/schemas/users";
import type { ServiceContext } from "../core/context";
import { getSettings } from "../settings/settings";
import { expiryCutoff } from "./activity";
import { activeCondition, subscribedCondition } from "./filters";

/**
 * U1 counts from the trigger-maintained counters (db/migrations/0002): whole days after the
 * expiry cut-off day are summed from per-day buckets; the cut-off day itself is counted exactly
 * through the partial index users_activity_idx. Milliseconds at any size.
 */
export async function userSummary({ ctx, now = new Date() }: { ctx: ServiceContext; now?: Date }): Promise<UserSummary> {
  const settings = await getSettings(ctx.db);
  const cutoff = expiryCutoff(settings, now);
  const cutoffDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth(), cutoff.getUTCDate()));
  const nextDay = new Date(cutoffDay.getTime() + 86_400_000);
  const loginKeys = settings.doubleOptIn ? ["login_confirmed"] : ["login_confirmed", "login_unconfirmed"];
  const subKeys = settings.doubleOptIn ? ["sub_confirmed"] : ["sub_confirmed", "sub_unconfirmed"];
  const confirmed = settings.doubleOptIn ? sql` AND email_confirmed_at IS NOT NULL` : sql``;
  const keyList = (keys: string[]) => sql.join(keys.map((k) => sql`${k}`), sql`, `);

  const [row] = await queryRows<{ all: number; subscribed: number; active_days: number; active_edge: number }>(
    ctx.db,
    sql`SELECT
      (SELECT coalesce(sum(n), 0) FROM user_counters WHERE key = 'all')::bigint AS all,
      (SELECT coalesce(sum(n), 0) FROM user_counters WHERE key IN (${keyList(subKeys)}))::bigint AS subscribed,
      (SELECT coalesce(sum(n), 0) FROM user_counters
        WHERE key IN (${keyList(loginKeys)}) AND day >= ${nextDay.toISOString()}::timestamptz AT TIME ZONE 'UTC')::bigint AS active_days,
      (SELECT count(*) FROM users
        WHERE loginable
          AND coalesce(last_active_at, created_at) >= ${cutoff.toISOString()}::timestamptz
          AND coalesce(last_active_at, created_at) < ${nextDay.toISOString()}::timestamptz${confirmed})::bigint AS active_edge`,
  );
  return {
    all: Number(row?.all ?? 0),
    subscribed: Number(row?.subscribed ?? 0),
    active: Number(row?.active_days ?? 0) + Number(row?.active_edge ?? 0),
  };
}

/** The same three numbers by scanning users: what the tests hold the counters to. */
export async function recountSummary({ ctx, now = new Date() }: { ctx: ServiceContext; now?: Date }): Promise<UserSummary> {
  const settings = await getSettings(ctx.db);
  const [row] = await queryRows<{ all: number; active: number; subscribed: number }>(
    ctx.db,
    sql`SELECT count(*)::bigint AS all,
               count(*) FILTER (WHERE ${activeCondition(settings, now)})::bigint AS active,
               count(*) FILTER (WHERE ${subscribedCondition(settings)})::bigint AS subscribed
        FROM users`,
  );
  return { all: Number(row?.all ?? 0), active: Number(row?.active ?? 0), subscribed: Number(row?.subscribed ?? 0) };
}
