import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { ValidationError } from "../core/errors";
import { loadUser } from "./record";
import { assertCanManage, assertNotSelf } from "./permissions";

/**
 * Erases personal data of every user matching `where` (unqualified users columns), keeping the
 * row, its orders and the fact that things happened; ends their sessions. Set-based, so one
 * statement serves one user or a million. Returns how many were anonymised.
 */
export async function anonymiseWhere(ctx: ServiceContext, where: SQL, note: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH t AS (SELECT id FROM users WHERE (${where}) AND anonymised_at IS NULL FOR UPDATE),
    u AS (
      UPDATE users SET
        email = 'anonymised-' || users.id || '@anonymised.invalid',
        first_name = '', last_name = '', phone = NULL, company = NULL, job_title = NULL,
        address_line1 = NULL, address_line2 = NULL, city = NULL, region = NULL, postcode = NULL, country = NULL,
        custom_fields = '{}'::jsonb, password_hash = NULL, must_change_password = false,
        subscribed = false, subscription_confirmed_at = NULL, subscription_changed_at = now(),
        anonymised_at = now(), version = users.version + 1, updated_at = now()
      FROM t WHERE users.id = t.id
      RETURNING users.id
    ),
    scrub AS (
      UPDATE timeline_events SET data = '{}'::jsonb,
        summary = CASE WHEN kind = 'comment' THEN 'Comment (erased)' ELSE summary END
      FROM u WHERE timeline_events.user_id = u.id
      RETURNING 1
    ),
    ended AS (
      UPDATE sessions SET revoked_at = now(), revoked_reason = 'anonymised'
      FROM u WHERE sessions.user_id = u.id AND sessions.revoked_at IS NULL
      RETURNING 1
    ),
    logged AS (
      INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
      SELECT id, 'anonymised', ${note}, '{}'::jsonb, ${ctx.actor?.id ?? null}::bigint FROM u
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM u)::int AS n, (SELECT count(*) FROM scrub) + (SELECT count(*) FROM ended) + (SELECT count(*) FROM logged) AS touched`,
  );
  return Number(row?.n ?? 0);
}

/** Deletes users matching `where` that have no orders; returns how many. */
export async function deleteWhere(ctx: ServiceContext, where: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH d AS (DELETE FROM users WHERE (${where}) AND order_count = 0 RETURNING id) SELECT count(*)::int AS n FROM d`,
  );
  return Number(row?.n ?? 0);
}

export async function deleteUser({ ctx, input }: { ctx: ActorContext; input: { id: number; mode: "anonymise" | "delete" } }) {
  return withTransaction(ctx, async (tx) => {
    const current = await loadUser(tx, input.id, true);
    assertCanManage(ctx.actor, current);
    assertNotSelf(ctx.actor, current.id, "delete");
    if (input.mode === "delete") {
      if (current.orderCount > 0) {
        throw new ValidationError(
          "mode",
          `this user has ${current.orderCount} order(s), which are kept for accounting; anonymise instead`,
        );
      }
      await deleteWhere(tx, sql`id = ${current.id}`);
    } else {
      if (current.anonymisedAt) throw new ValidationError("mode", "this user is already anonymised");
      await anonymiseWhere(tx, sql`id = ${current.id}`, `Personal data erased by ${ctx.actor.name}`);
    }
    // The audit keeps the id and the decision, never the erased personal data.
    await recordAudit(tx, { action: `user.${input.mode}`, targetType: "user", targetId: current.id, after: { mode: input.mode } });
    return { mode: input.mode };
  });
}
