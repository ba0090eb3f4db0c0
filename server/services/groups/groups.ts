import { asc, eq, sql } from "drizzle-orm";
import { groups } from "@/db/schema";
import { queryRows } from "@/db/client";
import type { z } from "zod";
import type {
  GroupCreateInput as CreateSchema,
  GroupDeletePreview,
  GroupListItem,
  GroupUpdateInput as UpdateSchema,
} from "@/server/schemas/groups";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError, isUniqueViolation } from "../core/errors";
import { LIVE_LAYOUT, previewLayout } from "./smart-type-engine";

export async function loadGroup(ctx: ServiceContext, id: number, forUpdate = false) {
  const q = ctx.db.select().from(groups).where(eq(groups.id, id));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("No group with that id.");
  return row;
}

/** Turns the name unique index into a message on the name field. */
async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError("name", "another group already has this name");
    throw err;
  }
}

export async function listGroups({ ctx, id }: { ctx: ServiceContext; id?: number }): Promise<GroupListItem[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    description: string;
    taxExempt: boolean;
    memberCount: number;
    createdAt: Date | string;
    smartTypes: { id: number; name: string; position: number }[] | null;
  }>(
    ctx.db,
    sql`SELECT g.id, g.name, g.description, g.tax_exempt AS "taxExempt", g.member_count AS "memberCount", g.created_at AS "createdAt",
      (SELECT jsonb_agg(jsonb_build_object('id', st.id, 'name', st.name, 'position', st.position) ORDER BY st.position)
         FROM smart_type_groups sg JOIN smart_types st ON st.id = sg.smart_type_id WHERE sg.group_id = g.id) AS "smartTypes"
    FROM groups g ${id === undefined ? sql`` : sql`WHERE g.id = ${id}`} ORDER BY lower(g.name), g.id`,
  );
  return rows.map((r) => ({
    ...r,
    memberCount: Number(r.memberCount),
    createdAt: new Date(r.createdAt),
    smartTypes: r.smartTypes ?? [],
  }));
}

export async function getGroup({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<GroupListItem> {
  const [g] = await listGroups({ ctx, id: input.id });
  if (!g) throw new NotFoundError("No group with that id.");
  return g;
}

export async function createGroup({ ctx, input }: { ctx: ActorContext; input: z.output<typeof CreateSchema> }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await uniqueName(() => tx.db.insert(groups).values(input).returning());
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, { action: "group.create", targetType: "group", targetId: row.id, after: input });
    return { id: row.id };
  });
}

export async function updateGroup({ ctx, input }: { ctx: ActorContext; input: z.output<typeof UpdateSchema> }) {
  return withTransaction(ctx, async (tx) => {
    const current = await loadGroup(tx, input.id, true);
    const { id, ...patch } = input;
    const changed = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => v !== undefined && v !== current[k as keyof typeof current]),
    );
    if (Object.keys(changed).length === 0) return { id };
    await uniqueName(() => tx.db.update(groups).set({ ...changed, updatedAt: new Date() }).where(eq(groups.id, id)));
    await recordAudit(tx, {
      action: "group.update",
      targetType: "group",
      targetId: id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, current[k as keyof typeof current]])),
      after: changed,
    });
    return { id };
  });
}

/** What deleting a group does, stated before the admin confirms. */
export async function previewGroupDelete({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<GroupDeletePreview> {
  const group = await loadGroup(ctx, input.id);
  const [row] = await queryRows<{ breaks: number; messages: number; types: string[] | null; exemptLosing: number }>(
    ctx.db,
    sql`SELECT
      (SELECT count(*) FROM group_price_breaks WHERE group_id = ${group.id})::int AS breaks,
      (SELECT count(*) FROM group_messages WHERE group_id = ${group.id})::int AS messages,
      (SELECT array_agg(st.name ORDER BY st.position) FROM smart_type_groups sg JOIN smart_types st ON st.id = sg.smart_type_id WHERE sg.group_id = ${group.id}) AS types,
      (CASE WHEN ${group.taxExempt} THEN (
        SELECT count(*) FROM group_members gm WHERE gm.group_id = ${group.id}
          AND NOT EXISTS (SELECT 1 FROM group_members o JOIN groups og ON og.id = o.group_id
                          WHERE o.user_id = gm.user_id AND o.group_id <> ${group.id} AND og.tax_exempt)) ELSE 0 END)::int AS "exemptLosing"`,
  );
  const smartTypes = row?.types ?? [];
  const smartTypeChanges = smartTypes.length ? (await previewLayout(ctx.db, LIVE_LAYOUT, group.id)).changes : 0;
  return {
    memberCount: Number(group.memberCount),
    smartTypeChanges,
    smartTypes,
    priceBreaks: Number(row?.breaks ?? 0),
    messages: Number(row?.messages ?? 0),
    taxExemptLosing: Number(row?.exemptLosing ?? 0),
  };
}

/**
 * Deletes the group; its members stay users (each timeline says they left it), its price breaks and
 * messages go with it, and smart types recompute through the membership trigger.
 */
export async function deleteGroup({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const group = await loadGroup(tx, input.id, true);
    await tx.db.execute(sql`INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
      SELECT user_id, 'group', ${`Removed from group ${group.name} (group deleted)`}, ${JSON.stringify({ groupId: group.id, change: "removed" })}::jsonb, ${ctx.actor.id}::bigint
      FROM group_members WHERE group_id = ${group.id}`);
    await tx.db.delete(groups).where(eq(groups.id, group.id));
    await recordAudit(tx, {
      action: "group.delete",
      targetType: "group",
      targetId: group.id,
      before: { name: group.name, memberCount: Number(group.memberCount), taxExempt: group.taxExempt },
    });
    return { removedMembers: Number(group.memberCount) };
  });
}

export async function groupNames(ctx: ServiceContext): Promise<Map<number, string>> {
  const rows = await ctx.db.select({ id: groups.id, name: groups.name }).from(groups).orderBy(asc(groups.id));
  return new Map(rows.map((r) => [r.id, r.name]));
}
