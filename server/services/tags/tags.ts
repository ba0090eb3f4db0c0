import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { tags } from "@/db/schema";
import { queryRows } from "@/db/client";
import type { Tag, TagCreateInput, TagUpdateInput } from "@/server/schemas/tags";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError, isUniqueViolation } from "../core/errors";

async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError("name", "another tag already has this name");
    throw err;
  }
}

export async function loadTag(ctx: ServiceContext, id: number, forUpdate = false) {
  const q = ctx.db.select().from(tags).where(eq(tags.id, id));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("No tag with that id.");
  return row;
}

/** Tags with their maintained user counts (T1). */
export async function listTags({ ctx }: { ctx: ServiceContext }): Promise<Tag[]> {
  const rows = await ctx.db.select().from(tags).orderBy(sql`lower(${tags.name})`, asc(tags.id));
  return rows.map((r) => ({ id: r.id, name: r.name, colour: r.colour, userCount: Number(r.userCount), createdAt: r.createdAt }));
}

export async function createTag({ ctx, input }: { ctx: ActorContext; input: z.output<typeof TagCreateInput> }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await uniqueName(() => tx.db.insert(tags).values(input).returning());
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, { action: "tag.create", targetType: "tag", targetId: row.id, after: input });
    return { id: row.id };
  });
}

export async function updateTag({ ctx, input }: { ctx: ActorContext; input: z.output<typeof TagUpdateInput> }) {
  return withTransaction(ctx, async (tx) => {
    const current = await loadTag(tx, input.id, true);
    const { id, ...patch } = input;
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== current[k as keyof typeof current]));
    if (Object.keys(changed).length === 0) return { id };
    await uniqueName(() => tx.db.update(tags).set(changed).where(eq(tags.id, id)));
    await recordAudit(tx, {
      action: "tag.update",
      targetType: "tag",
      targetId: id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, current[k as keyof typeof current]])),
      after: changed,
    });
    return { id };
  });
}

export async function deleteTag({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const tag = await loadTag(tx, input.id, true);
    await tx.db.execute(sql`INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
      SELECT user_id, 'tag', ${`Tag ${tag.name} removed (tag deleted)`}, ${JSON.stringify({ tagId: tag.id, change: "removed" })}::jsonb, ${ctx.actor.id}::bigint
      FROM user_tags WHERE tag_id = ${tag.id}`);
    await tx.db.delete(tags).where(eq(tags.id, tag.id));
    await recordAudit(tx, { action: "tag.delete", targetType: "tag", targetId: tag.id, before: { name: tag.name, userCount: Number(tag.userCount) } });
    return { removedFrom: Number(tag.userCount) };
  });
}

/** Tags every user matching `where` (unqualified users columns) and logs each, in one statement. */
export async function tagWhere(ctx: ActorContext, tag: { id: number; name: string }, where: SQL, bulk: boolean): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH ins AS (
        INSERT INTO user_tags (tag_id, user_id) SELECT ${tag.id}::int, id FROM users WHERE ${where} ORDER BY id
        ON CONFLICT DO NOTHING RETURNING user_id
      ),
      logged AS (
        INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
        SELECT user_id, 'tag', ${`Tagged ${tag.name}${bulk ? " (bulk)" : ""}`}, ${JSON.stringify({ tagId: tag.id, change: "added", bulk })}::jsonb, ${ctx.actor.id}::bigint
        FROM ins RETURNING 1
      )
      SELECT (SELECT count(*) FROM logged)::bigint AS n`,
  );
  return Number(row?.n ?? 0);
}

export async function untagWhere(ctx: ActorContext, tag: { id: number; name: string }, where: SQL, bulk: boolean): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH del AS (
        DELETE FROM user_tags ut USING users WHERE ut.tag_id = ${tag.id} AND ut.user_id = users.id AND (${where})
        RETURNING ut.user_id
      ),
      logged AS (
        INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
        SELECT user_id, 'tag', ${`Tag ${tag.name} removed${bulk ? " (bulk)" : ""}`}, ${JSON.stringify({ tagId: tag.id, change: "removed", bulk })}::jsonb, ${ctx.actor.id}::bigint
        FROM del RETURNING 1
      )
      SELECT (SELECT count(*) FROM logged)::bigint AS n`,
  );
  return Number(row?.n ?? 0);
}

async function assertUser(ctx: ServiceContext, userId: number) {
  const [u] = await queryRows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE id = ${userId}`);
  if (!u) throw new ValidationError("userId", "no user with that id");
}

export async function assignTag({ ctx, input }: { ctx: ActorContext; input: { userId: number; tagId: number } }) {
  return withTransaction(ctx, async (tx) => {
    const tag = await loadTag(tx, input.tagId);
    await assertUser(tx, input.userId);
    const changed = await tagWhere(tx, tag, sql`id = ${input.userId}`, false);
    if (changed) await recordAudit(tx, { action: "tag.assign", targetType: "user", targetId: input.userId, after: { tag: tag.name } });
    return { changed };
  });
}

export async function unassignTag({ ctx, input }: { ctx: ActorContext; input: { userId: number; tagId: number } }) {
  return withTransaction(ctx, async (tx) => {
    const tag = await loadTag(tx, input.tagId);
    const changed = await untagWhere(tx, tag, sql`id = ${input.userId}`, false);
    if (changed) await recordAudit(tx, { action: "tag.unassign", targetType: "user", targetId: input.userId, before: { tag: tag.name } });
    return { changed };
  });
}
