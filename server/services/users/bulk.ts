import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { BulkAction, BulkInput, BulkPreview, BulkTarget } from "@/server/schemas/users";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { ConflictError, ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { anonymiseWhere, deleteWhere } from "./delete";
import { filterConditions } from "./filters";
import { levelNameMap } from "./list";

/**
 * One kind of bulk action. `changes` narrows the target to users the action would really change
 * (so the preview's number is what apply changes); `apply` is set-based and writes each affected
 * user's timeline in the same statement. Later features register their own (tags, groups, email).
 */
export interface BulkHandler<A extends { type: string }> {
  changes(ctx: ServiceContext, action: A): Promise<SQL | null>;
  notes?(ctx: ServiceContext, action: A, where: SQL): Promise<string[]>;
  apply(ctx: ActorContext, action: A, where: SQL): Promise<number>;
  describe(action: A): string;
}

const handlers = new Map<string, BulkHandler<{ type: string }>>();

export function registerBulkAction<A extends { type: string }>(type: A["type"], handler: BulkHandler<A>): void {
  handlers.set(type, handler as unknown as BulkHandler<{ type: string }>);
}

function handlerFor(action: { type: string }): BulkHandler<{ type: string }> {
  const h = handlers.get(action.type);
  if (!h) throw new ValidationError("action.type", `unknown bulk action "${action.type}"`);
  return h;
}

async function countWhere(ctx: ServiceContext, where: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::bigint AS n FROM users WHERE ${where}`);
  return Number(row?.n ?? 0);
}

async function targetCondition(ctx: ServiceContext, target: BulkTarget): Promise<SQL> {
  if (target.kind === "ids") {
    return sql`id IN (${sql.join(target.ids.map((id) => sql`${id}`), sql`, `)})`;
  }
  const conditions = filterConditions(target.filter, await getSettings(ctx.db));
  return conditions.length ? sql.join(conditions, sql` AND `) : sql`true`;
}

/** Accounts a bulk action never touches: your own, and (for admins) owner and admin accounts. */
function protectedExcluded(ctx: ActorContext): SQL {
  return ctx.actor.role === "owner"
    ? sql`id <> ${ctx.actor.id}`
    : sql`(id <> ${ctx.actor.id} AND role NOT IN ('owner', 'admin'))`;
}

async function plan(ctx: ActorContext, input: BulkInput) {
  const handler = handlerFor(input.action);
  const target = await targetCondition(ctx, input.target);
  const allowed = sql`(${target}) AND ${protectedExcluded(ctx)}`;
  const change = await handler.changes(ctx, input.action);
  const where = change ? sql`${allowed} AND (${change})` : allowed;
  return { handler, target, allowed, where };
}

export async function previewBulk({ ctx, input }: { ctx: ActorContext; input: BulkInput }): Promise<BulkPreview> {
  const { handler, target, allowed, where } = await plan(ctx, input);
  const [matched, permitted, willChange] = await Promise.all([countWhere(ctx, target), countWhere(ctx, allowed), countWhere(ctx, where)]);
  const notes: string[] = [];
  if (permitted < matched) {
    notes.push(
      `${matched - permitted} account(s) skipped: your own${ctx.actor.role === "owner" ? "" : ", and owner or admin accounts (only an owner changes those)"}.`,
    );
  }
  if (willChange < permitted) notes.push(`${permitted - willChange} already have this value and stay as they are.`);
  if (handler.notes) notes.push(...(await handler.notes(ctx, input.action, where)));
  return { matched, willChange, notes };
}

export async function applyBulk({ ctx, input }: { ctx: ActorContext; input: BulkInput & { expectedCount: number } }) {
  return withTransaction(ctx, async (tx) => {
    const { handler, where } = await plan(tx, input);
    const now = await countWhere(tx, where);
    if (now !== input.expectedCount) {
      throw new ConflictError(
        `The users matching this selection changed since the preview: ${now} would change now, not ${input.expectedCount}. Nothing was changed; review the preview again.`,
      );
    }
    const changed = await handler.apply(tx, input.action, where);
    await recordAudit(tx, {
      action: `users.bulk.${input.action.type}`,
      targetType: "users",
      targetId: input.target.kind === "ids" ? `${input.target.ids.length} selected` : "filter",
      after: {
        action: handler.describe(input.action),
        changed,
        ...(input.target.kind === "ids" ? { ids: input.target.ids.slice(0, 1000) } : { filter: input.target.filter }),
      },
    });
    return { changed };
  });
}

/** Sets a column on every targeted user and logs before → after on each timeline, in one statement. */
async function setColumn(ctx: ActorContext, where: SQL, column: "status" | "level_id", value: SQL, kind: string, label: SQL) {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH t AS (SELECT id, ${sql.raw(column)}::text AS old FROM users WHERE ${where} FOR UPDATE),
    u AS (
      UPDATE users SET ${sql.raw(column)} = ${value}, version = users.version + 1, updated_at = now()
      FROM t WHERE users.id = t.id RETURNING users.id, t.old
    ),
    ended AS (
      UPDATE sessions SET revoked_at = now(), revoked_reason = 'bulk status change'
      FROM u WHERE ${column === "status" ? sql`${value}::text <> 'approved'` : sql`false`}
        AND sessions.user_id = u.id AND sessions.revoked_at IS NULL
      RETURNING 1
    ),
    logged AS (
      INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
      SELECT u.id, ${kind}, ${label}, jsonb_build_object('bulk', true, 'changes',
        jsonb_build_array(jsonb_build_object('field', ${column === "status" ? "status" : "levelId"}::text, 'before', u.old, 'after', ${value}::text))),
        ${ctx.actor.id}::bigint
      FROM u RETURNING 1
    )
    SELECT (SELECT count(*) FROM logged)::int AS n, (SELECT count(*) FROM ended) AS ended`,
  );
  return Number(row?.n ?? 0);
}

registerBulkAction<Extract<BulkAction, { type: "setStatus" }>>("setStatus", {
  changes: async (_ctx, a) => sql`status IS DISTINCT FROM ${a.status}::user_status`,
  describe: (a) => `set status to ${a.status}`,
  notes: async (_ctx, a) => (a.status === "approved" ? [] : ["Affected users are signed out everywhere."]),
  apply: (ctx, a, where) =>
    setColumn(ctx, where, "status", sql`${a.status}::user_status`, "status", sql`'Status: ' || u.old || ' → ' || ${a.status}::text || ' (bulk)'`),
});

registerBulkAction<Extract<BulkAction, { type: "setLevel" }>>("setLevel", {
  changes: async (ctx, a) => {
    if (a.levelId !== null && !(await levelNameMap(ctx.db)).has(a.levelId)) {
      throw new ValidationError("action.levelId", "is not a customer level");
    }
    return sql`level_id IS DISTINCT FROM ${a.levelId}::int`;
  },
  describe: (a) => (a.levelId === null ? "clear level" : `set level ${a.levelId}`),
  apply: async (ctx, a, where) => {
    const name = a.levelId === null ? "none" : ((await levelNameMap(ctx.db)).get(a.levelId) ?? String(a.levelId));
    return setColumn(ctx, where, "level_id", sql`${a.levelId}::int`, "level", sql`'Level changed to ' || ${name}::text || ' (bulk)'`);
  },
});

registerBulkAction<Extract<BulkAction, { type: "delete" }>>("delete", {
  changes: async (_ctx, a) =>
    a.mode === "anonymise" ? sql`anonymised_at IS NULL` : sql`NOT (anonymised_at IS NOT NULL AND order_count > 0)`,
  describe: (a) => (a.mode === "anonymise" ? "anonymise" : "delete"),
  notes: async (ctx, a, where) => {
    const notes = ["This cannot be undone."];
    if (a.mode === "delete") {
      const withOrders = await countWhere(ctx, sql`${where} AND order_count > 0`);
      if (withOrders > 0) notes.push(`${withOrders} have orders: they will be anonymised instead, so their orders are kept.`);
    }
    return notes;
  },
  apply: async (ctx, a, where) => {
    const note = `Personal data erased by ${ctx.actor.name} (bulk)`;
    if (a.mode === "anonymise") return anonymiseWhere(ctx, where, note);
    const anonymised = await anonymiseWhere(ctx, sql`${where} AND order_count > 0`, note);
    return anonymised + (await deleteWhere(ctx, sql`${where} AND order_count = 0`));
  },
});
