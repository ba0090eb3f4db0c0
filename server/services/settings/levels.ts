import { asc, count, eq, sql } from "drizzle-orm";
import { customerLevels, users } from "@/db/schema";
import { queryRows } from "@/db/client";
import type { CustomerLevel } from "@/server/schemas/settings";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";

type Tx = ActorContext;

async function orderedLevels(ctx: ServiceContext): Promise<CustomerLevel[]> {
  return ctx.db
    .select({ id: customerLevels.id, name: customerLevels.name, position: customerLevels.position })
    .from(customerLevels)
    .orderBy(asc(customerLevels.position), asc(customerLevels.id));
}

async function lockedLevel(tx: Tx, id: number): Promise<CustomerLevel> {
  const [level] = await tx.db
    .select({ id: customerLevels.id, name: customerLevels.name, position: customerLevels.position })
    .from(customerLevels)
    .where(eq(customerLevels.id, id))
    .for("update");
  if (!level) throw new NotFoundError("That customer level no longer exists.");
  return level;
}

async function assertNameFree(tx: Tx, name: string, exceptId?: number): Promise<void> {
  const clash = await queryRows<{ id: number }>(
    tx.db,
    sql`SELECT id FROM customer_levels WHERE lower(name) = lower(${name}) ${exceptId ? sql`AND id <> ${exceptId}` : sql``} LIMIT 1`,
  );
  if (clash.length) throw new ValidationError("name", "another level already has this name");
}

/** Closes gaps after a delete so positions stay 1..n. */
async function renumber(tx: Tx): Promise<void> {
  await tx.db.execute(sql`
    UPDATE customer_levels c SET position = r.rn
    FROM (SELECT id, row_number() OVER (ORDER BY position, id)::int AS rn FROM customer_levels) r
    WHERE c.id = r.id AND c.position <> r.rn`);
}

export async function createLevel({ ctx, input }: { ctx: ActorContext; input: { name: string } }): Promise<CustomerLevel> {
  return withTransaction(ctx, async (tx) => {
    // Serialises concurrent creates so positions and the name check cannot race.
    await tx.db.execute(sql`LOCK TABLE customer_levels IN SHARE ROW EXCLUSIVE MODE`);
    await assertNameFree(tx, input.name);
    const [row] = await tx.db
      .insert(customerLevels)
      .values({ name: input.name, position: sql`(SELECT coalesce(max(position), 0) + 1 FROM customer_levels)` })
      .returning({ id: customerLevels.id, name: customerLevels.name, position: customerLevels.position });
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, { action: "level.create", targetType: "customer_level", targetId: row.id, after: row });
    return row;
  });
}

export async function renameLevel({ ctx, input }: { ctx: ActorContext; input: { id: number; name: string } }): Promise<CustomerLevel> {
  return withTransaction(ctx, async (tx) => {
    const level = await lockedLevel(tx, input.id);
    if (level.name === input.name) return level;
    await assertNameFree(tx, input.name, input.id);
    await tx.db.update(customerLevels).set({ name: input.name }).where(eq(customerLevels.id, input.id));
    await recordAudit(tx, {
      action: "level.rename",
      targetType: "customer_level",
      targetId: level.id,
      before: { name: level.name },
      after: { name: input.name },
    });
    return { ...level, name: input.name };
  });
}

/** Saves a new order; the list must name every level once, so a stale screen cannot drop one. */
export async function reorderLevels({ ctx, input }: { ctx: ActorContext; input: { ids: number[] } }): Promise<CustomerLevel[]> {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`LOCK TABLE customer_levels IN SHARE ROW EXCLUSIVE MODE`);
    const current = await orderedLevels(tx);
    const known = new Set(current.map((l) => l.id));
    const given = new Set(input.ids);
    if (given.size !== input.ids.length || given.size !== known.size || input.ids.some((id) => !known.has(id))) {
      throw new ValidationError("ids", "the levels changed since this page loaded; reload and try again");
    }
    if (current.every((l, i) => l.id === input.ids[i])) return current;
    const ids = sql`ARRAY[${sql.join(input.ids.map((id) => sql`${id}`), sql`, `)}]::int[]`;
    await tx.db.execute(sql`
      UPDATE customer_levels c SET position = t.ord::int
      FROM unnest(${ids}) WITH ORDINALITY AS t(id, ord)
      WHERE c.id = t.id`);
    const byId = new Map(current.map((l) => [l.id, l.name]));
    await recordAudit(tx, {
      action: "level.reorder",
      targetType: "customer_level",
      before: { order: current.map((l) => l.name) },
      after: { order: input.ids.map((id) => byId.get(id)) },
    });
    return orderedLevels(tx);
  });
}

/** How many users hold the level: the number the delete confirmation states. */
export async function levelUsage({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<{ users: number }> {
  const [level] = await ctx.db.select({ id: customerLevels.id }).from(customerLevels).where(eq(customerLevels.id, input.id));
  if (!level) throw new NotFoundError("That customer level no longer exists.");
  const [row] = await ctx.db.select({ n: count() }).from(users).where(eq(users.levelId, input.id));
  return { users: Number(row?.n ?? 0) };
}

/**
 * Deletes a level. Users who held it are left with no level, and each one's timeline says so;
 * their version moves on so an editor still showing the old level gets a conflict, not an error.
 */
export async function deleteLevel({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<{ usersCleared: number }> {
  return withTransaction(ctx, async (tx) => {
    const level = await lockedLevel(tx, input.id);
    const changes = JSON.stringify([{ field: "level", before: level.name, after: null }]);
    const [result] = await queryRows<{ n: number }>(
      tx.db,
      sql`
      WITH changed AS (
        UPDATE users SET level_id = NULL, version = version + 1, updated_at = now()
        WHERE level_id = ${level.id}
        RETURNING id
      ), logged AS (
        INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
        SELECT id, 'level', ${`Level ${level.name} removed (level deleted)`},
               jsonb_build_object('changes', ${changes}::jsonb), ${tx.actor.id}
        FROM changed
      )
      SELECT count(*)::int AS n FROM changed`,
    );
    const usersCleared = Number(result?.n ?? 0);
    await tx.db.delete(customerLevels).where(eq(customerLevels.id, level.id));
    await renumber(tx);
    await recordAudit(tx, {
      action: "level.delete",
      targetType: "customer_level",
      targetId: level.id,
      // Deletion: after is null; the holders count is part of what was lost.
      before: { name: level.name, position: level.position, heldBy: usersCleared },
      after: null,
    });
    return { usersCleared };
  });
}
