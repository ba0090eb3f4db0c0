import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import type { AuditFacets, AuditFilter, AuditItem, AuditListOutput } from "@/server/schemas/audit";
import type { ServiceContext } from "../core/context";
import { beforeKey, cursorTimestamp, decodeTimeCursor, encodeTimeCursor } from "../core/keyset";

/**
 * Distinct values of an indexed leading column by a loose index scan: one index probe per
 * value, so it stays instant however many million audit rows there are.
 */
async function distinctValues(db: Database, column: "action" | "target_type"): Promise<string[]> {
  const col = sql.identifier(column);
  const rows = await queryRows<{ v: string }>(
    db,
    sql`WITH RECURSIVE t(v) AS (
          SELECT min(${col}) FROM audit_events
          UNION ALL
          SELECT (SELECT min(${col}) FROM audit_events WHERE ${col} > t.v) FROM t WHERE t.v IS NOT NULL
        ) SELECT v FROM t WHERE v IS NOT NULL`,
  );
  return rows.map((r) => r.v);
}

export async function auditFacets({ ctx }: { ctx: ServiceContext; input?: void }): Promise<AuditFacets> {
  const [actions, targetTypes] = await Promise.all([distinctValues(ctx.db, "action"), distinctValues(ctx.db, "target_type")]);
  return { actions, targetTypes };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** target_id alone has no index, but (target_type, target_id) does: spell out every type. */
function targetIdIn(targetTypes: string[], targetId: string): SQL | undefined {
  if (targetTypes.length === 0) return undefined;
  return or(...targetTypes.map((t) => and(eq(auditEvents.targetType, t), eq(auditEvents.targetId, targetId))));
}

/**
 * Staff whose email contains the text, and anyone whose email is exactly it. Resolved first so
 * the search becomes `actor_id = ANY(…)`: inside one OR with the other arms a subquery would
 * stop Postgres from combining the indexes and make it walk the whole log.
 */
async function matchingActors(db: Database, needle: string): Promise<number[]> {
  const like = `%${escapeLike(needle)}%`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM users WHERE (role <> 'customer' AND lower(email) LIKE ${like}) OR lower(email) = ${needle} LIMIT 500`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The free-text search. Each arm is an indexed predicate: actions and target types whose name
 * contains the text (resolved against the small distinct lists first), an exact target id, and
 * the matching actors.
 */
async function searchPredicate(db: Database, q: string, facets: AuditFacets): Promise<SQL> {
  const needle = q.toLowerCase();
  const arms: (SQL | undefined)[] = [];
  const actions = facets.actions.filter((a) => a.toLowerCase().includes(needle));
  if (actions.length) arms.push(inArray(auditEvents.action, actions));
  const types = facets.targetTypes.filter((t) => t.toLowerCase().includes(needle));
  if (types.length) arms.push(inArray(auditEvents.targetType, types));
  arms.push(targetIdIn(facets.targetTypes, q));
  const actors = await matchingActors(db, needle);
  if (actors.length) arms.push(inArray(auditEvents.actorId, actors));
  return or(...arms) ?? sql`false`;
}

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export async function listAudit({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AuditFilter & { cursor?: string | null; limit: number };
}): Promise<AuditListOutput> {
  const key = decodeTimeCursor(input.cursor);
  const needsFacets = Boolean(input.q) || (input.targetId !== undefined && !input.targetType);
  const facets: AuditFacets = needsFacets ? await auditFacets({ ctx }) : { actions: [], targetTypes: [] };

  const where: (SQL | undefined)[] = [];
  if (input.q) where.push(await searchPredicate(ctx.db, input.q, facets));
  if (input.action) where.push(eq(auditEvents.action, input.action));
  if (input.actorId) where.push(eq(auditEvents.actorId, input.actorId));
  if (input.targetType) where.push(eq(auditEvents.targetType, input.targetType));
  if (input.targetId !== undefined) {
    where.push(input.targetType ? eq(auditEvents.targetId, input.targetId) : (targetIdIn(facets.targetTypes, input.targetId) ?? sql`false`));
  }
  if (input.from) where.push(gte(auditEvents.createdAt, dayStart(input.from)));
  if (input.to) where.push(lt(auditEvents.createdAt, new Date(dayStart(input.to).getTime() + 86_400_000)));
  if (key) where.push(beforeKey(auditEvents.createdAt, auditEvents.id, key));

  const rows = await ctx.db
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      cursorTs: cursorTimestamp(auditEvents.createdAt),
      actorId: auditEvents.actorId,
      actorEmail: auditEvents.actorEmail,
      actorName: sql<string | null>`nullif(trim(${users.firstName} || ' ' || ${users.lastName}), '')`,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      before: auditEvents.before,
      after: auditEvents.after,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(input.limit + 1);

  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const items: AuditItem[] = page.map(({ cursorTs: _ts, ...r }) => ({ ...r, createdAt: new Date(r.createdAt) }));
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeTimeCursor({ ts: last.cursorTs, id: last.id }) : null,
  };
}
