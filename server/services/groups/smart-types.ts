import { asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { groups, smartTypeGroups, smartTypes } from "@/db/schema";
import { queryRows } from "@/db/client";
import type {
  SmartType,
  SmartTypeCreateInput,
  SmartTypeLayout,
  SmartTypePreview,
  SmartTypeReport,
  SmartTypeUpdateInput,
} from "@/server/schemas/smart-types";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation } from "../core/errors";
import { layoutValues, previewLayout, refreshAllSmartTypes, type LayoutRow } from "./smart-type-engine";

type Layout = z.output<typeof SmartTypeLayout>;

async function currentLayout(ctx: ServiceContext): Promise<{ id: number; groupIds: number[] }[]> {
  const rows = await queryRows<{ id: number; groupIds: number[] | null }>(
    ctx.db,
    sql`SELECT st.id, (SELECT array_agg(group_id ORDER BY group_id) FROM smart_type_groups WHERE smart_type_id = st.id) AS "groupIds"
      FROM smart_types st ORDER BY st.position, st.id`,
  );
  return rows.map((r) => ({ id: r.id, groupIds: (r.groupIds ?? []).map(Number) }));
}

/** Checks a proposed layout names every existing type exactly once and only real groups. */
async function validateLayout(ctx: ServiceContext, layout: Layout, omitted?: number): Promise<LayoutRow[]> {
  const existing = (await currentLayout(ctx)).filter((e) => e.id !== omitted);
  const ids = layout.items.map((i) => i.id).filter((id): id is number => id !== null);
  const known = new Set(existing.map((e) => e.id));
  if (new Set(ids).size !== ids.length) throw new ValidationError("items", "lists a smart type twice");
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) throw new ValidationError("items", `smart type ${unknown} does not exist (reload the page)`);
  if (ids.length !== known.size) throw new ValidationError("items", "must list every smart type (another admin may have added one; reload)");
  const groupIds = [...new Set(layout.items.flatMap((i) => i.groupIds))];
  if (groupIds.length) {
    const found = await ctx.db.select({ id: groups.id }).from(groups).where(inArray(groups.id, groupIds));
    const have = new Set(found.map((g) => g.id));
    const missing = groupIds.find((g) => !have.has(g));
    if (missing) throw new ValidationError("groupIds", `group ${missing} does not exist`);
  }
  return layout.items.map((item, i) => ({ key: item.id ?? -(i + 1), pos: i + 1, groupIds: [...new Set(item.groupIds)] }));
}

export async function listSmartTypes({ ctx }: { ctx: ServiceContext }): Promise<SmartType[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    description: string;
    position: number;
    groups: { id: number; name: string }[] | null;
    userCount: number;
  }>(
    ctx.db,
    sql`SELECT st.id, st.name, st.description, st.position,
      (SELECT jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name) ORDER BY lower(g.name))
         FROM smart_type_groups sg JOIN groups g ON g.id = sg.group_id WHERE sg.smart_type_id = st.id) AS groups,
      st.user_count AS "userCount"
    FROM smart_types st
    ORDER BY st.position, st.id`,
  );
  return rows.map((r) => ({ ...r, groups: r.groups ?? [], userCount: Number(r.userCount) }));
}

/** How many users would change type under a proposed layout (nothing is written). */
export async function previewSmartTypes({ ctx, input }: { ctx: ServiceContext; input: Layout }): Promise<SmartTypePreview> {
  const rows = await validateLayout(ctx, input);
  const { changes, counts } = await previewLayout(ctx.db, layoutValues(rows));
  return { changes, counts: rows.map((r) => counts.get(r.key) ?? 0) };
}

function assertExpected(expected: number | undefined, actual: number) {
  if (expected !== undefined && expected !== actual) {
    throw new ConflictError(
      `The users affected changed since the preview: ${actual} would change type now, not ${expected}. Nothing was saved; review the preview again.`,
    );
  }
}

async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError("name", "another smart type already has this name");
    throw err;
  }
}

async function setGroups(ctx: ServiceContext, id: number, groupIds: number[]) {
  await ctx.db.delete(smartTypeGroups).where(eq(smartTypeGroups.smartTypeId, id));
  if (groupIds.length) await ctx.db.insert(smartTypeGroups).values([...new Set(groupIds)].map((groupId) => ({ smartTypeId: id, groupId })));
}

/** Applies a layout's effect after its rows are saved; checks the count the admin confirmed. */
async function settle(ctx: ServiceContext, expected: number | undefined, rows: LayoutRow[]) {
  const { changes } = await previewLayout(ctx.db, layoutValues(rows));
  assertExpected(expected, changes);
  return refreshAllSmartTypes(ctx.db);
}

export async function createSmartType({ ctx, input }: { ctx: ActorContext; input: z.output<typeof SmartTypeCreateInput> }) {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`LOCK TABLE smart_types IN SHARE ROW EXCLUSIVE MODE`);
    const current = await currentLayout(tx);
    const rows = await validateLayout(tx, { items: [...current, { id: null, groupIds: input.groupIds }] });
    const [row] = await uniqueName(() =>
      tx.db.insert(smartTypes).values({ name: input.name, description: input.description, position: current.length + 1 }).returning(),
    );
    if (!row) throw new Error("insert returned nothing");
    await setGroups(tx, row.id, input.groupIds);
    const last = rows[rows.length - 1];
    if (last) last.key = row.id;
    const changed = await settle(tx, input.expectedChanges, rows);
    await recordAudit(tx, { action: "smart_type.create", targetType: "smart_type", targetId: row.id, after: { name: input.name, groupIds: input.groupIds, changed } });
    return { id: row.id, changed };
  });
}

export async function updateSmartType({ ctx, input }: { ctx: ActorContext; input: z.output<typeof SmartTypeUpdateInput> }) {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`LOCK TABLE smart_types IN SHARE ROW EXCLUSIVE MODE`);
    const [current] = await tx.db.select().from(smartTypes).where(eq(smartTypes.id, input.id));
    if (!current) throw new NotFoundError("No smart type with that id.");
    const patch: Partial<typeof smartTypes.$inferInsert> = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (Object.keys(patch).length) await uniqueName(() => tx.db.update(smartTypes).set(patch).where(eq(smartTypes.id, input.id)));
    let changed = 0;
    if (input.groupIds) {
      const layout = (await currentLayout(tx)).map((l) => (l.id === input.id ? { ...l, groupIds: input.groupIds ?? [] } : l));
      const rows = await validateLayout(tx, { items: layout });
      await setGroups(tx, input.id, input.groupIds);
      changed = await settle(tx, input.expectedChanges, rows);
    }
    await recordAudit(tx, { action: "smart_type.update", targetType: "smart_type", targetId: input.id, before: { name: current.name }, after: { ...patch, groupIds: input.groupIds, changed } });
    return { id: input.id, changed };
  });
}

/** Saves a new priority order (positions 1..n) and recomputes every affected user in the same transaction. */
export async function reorderSmartTypes({ ctx, input }: { ctx: ActorContext; input: { ids: number[]; expectedChanges?: number } }) {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`LOCK TABLE smart_types IN SHARE ROW EXCLUSIVE MODE`);
    const current = await currentLayout(tx);
    const byId = new Map(current.map((c) => [c.id, c]));
    const items = input.ids.map((id) => ({ id, groupIds: byId.get(id)?.groupIds ?? [] }));
    const rows = await validateLayout(tx, { items });
    await tx.db.execute(sql`UPDATE smart_types SET position = v.pos
      FROM (VALUES ${sql.join(input.ids.map((id, i) => sql`(${id}::int, ${i + 1}::int)`), sql`, `)}) AS v(id, pos)
      WHERE smart_types.id = v.id AND smart_types.position IS DISTINCT FROM v.pos`);
    const changed = await settle(tx, input.expectedChanges, rows);
    await recordAudit(tx, {
      action: "smart_type.reorder",
      targetType: "smart_type",
      before: { order: current.map((c) => c.id) },
      after: { order: input.ids, changed },
    });
    return { changed };
  });
}

export async function previewSmartTypeDelete({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<SmartTypePreview> {
  const current = await currentLayout(ctx);
  if (!current.some((c) => c.id === input.id)) throw new NotFoundError("No smart type with that id.");
  const rows = await validateLayout(ctx, { items: current.filter((c) => c.id !== input.id) }, input.id);
  const { changes, counts } = await previewLayout(ctx.db, layoutValues(rows));
  return { changes, counts: rows.map((r) => counts.get(r.key) ?? 0) };
}

export async function deleteSmartType({ ctx, input }: { ctx: ActorContext; input: { id: number; expectedChanges?: number } }) {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`LOCK TABLE smart_types IN SHARE ROW EXCLUSIVE MODE`);
    const current = await currentLayout(tx);
    const [gone] = await tx.db.select().from(smartTypes).where(eq(smartTypes.id, input.id));
    if (!gone) throw new NotFoundError("No smart type with that id.");
    const remaining = current.filter((c) => c.id !== input.id);
    const rows = await validateLayout(tx, { items: remaining }, input.id);
    const { changes } = await previewLayout(tx.db, layoutValues(rows));
    assertExpected(input.expectedChanges, changes);
    await tx.db.delete(smartTypes).where(eq(smartTypes.id, input.id));
    await tx.db.execute(sql`UPDATE smart_types SET position = v.pos
      FROM (SELECT id, row_number() OVER (ORDER BY position, id)::int AS pos FROM smart_types) v
      WHERE smart_types.id = v.id AND smart_types.position <> v.pos`);
    // The foreign key already cleared the deleted type's users; the refresh gives them their next type.
    await refreshAllSmartTypes(tx.db);
    await recordAudit(tx, { action: "smart_type.delete", targetType: "smart_type", targetId: input.id, before: { name: gone.name }, after: { changed: changes } });
    return { changed: changes };
  });
}

/** Users per smart type from the maintained counts (one users.smart_type_id per user, so nobody is counted twice). */
export async function smartTypeReport({ ctx }: { ctx: ServiceContext }): Promise<SmartTypeReport> {
  const [types, all] = await Promise.all([
    ctx.db
      .select({ id: smartTypes.id, name: smartTypes.name, position: smartTypes.position, users: smartTypes.userCount })
      .from(smartTypes)
      .orderBy(asc(smartTypes.position), asc(smartTypes.id)),
    queryRows<{ n: number }>(ctx.db, sql`SELECT coalesce(sum(n), 0)::bigint AS n FROM user_counters WHERE key = 'all'`),
  ]);
  const rows = types.map((t) => ({ ...t, users: Number(t.users) }));
  const typedUsers = rows.reduce((s, r) => s + r.users, 0);
  return { rows, typedUsers, untypedUsers: Math.max(0, Number(all[0]?.n ?? 0) - typedUsers) };
}
