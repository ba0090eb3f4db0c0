import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { GroupMember, UserGroupsView } from "@/server/schemas/groups";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { searchCondition } from "../users/filters";
import { loadGroup } from "./groups";

function encodeCursor(id: number): string {
  return Buffer.from(String(id)).toString("base64url");
}
function decodeCursor(raw: string): number {
  const id = Number(Buffer.from(raw, "base64url").toString());
  if (!Number.isSafeInteger(id) || id < 1) throw new ValidationError("cursor", "is not valid any more; reload the list");
  return id;
}

/** Members, newest accounts first; keyset on the (group_id, user_id) primary key so deep pages stay cheap. */
export async function listMembers({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { groupId: number; q?: string; cursor?: string | null; limit: number };
}): Promise<{ items: GroupMember[]; nextCursor: string | null }> {
  await loadGroup(ctx, input.groupId);
  const where: SQL[] = [sql`gm.group_id = ${input.groupId}`];
  if (input.q) where.push(searchCondition(input.q));
  if (input.cursor) where.push(sql`gm.user_id < ${decodeCursor(input.cursor)}`);
  const rows = await queryRows<GroupMember & { addedAt: Date | string }>(
    ctx.db,
    sql`SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.company, u.status::text AS status, gm.added_at AS "addedAt"
      FROM group_members gm JOIN users u ON u.id = gm.user_id
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY gm.user_id DESC LIMIT ${input.limit + 1}`,
  );
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, id: Number(r.id), addedAt: new Date(r.addedAt) }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.id) : null };
}

/**
 * Adds every user matching `where` (unqualified users columns) to the group and logs it on each timeline,
 * in one statement. Used by the group page, the user record and the bulk action alike.
 */
export async function addMembersWhere(ctx: ActorContext, group: { id: number; name: string }, where: SQL, bulk: boolean): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH ins AS (
        INSERT INTO group_members (group_id, user_id)
        SELECT ${group.id}::int, id FROM users WHERE ${where}
        ORDER BY id
        ON CONFLICT DO NOTHING
        RETURNING user_id
      ),
      logged AS (
        INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
        SELECT user_id, 'group', ${`Added to group ${group.name}${bulk ? " (bulk)" : ""}`},
          ${JSON.stringify({ groupId: group.id, change: "added", bulk })}::jsonb, ${ctx.actor.id}::bigint
        FROM ins RETURNING 1
      )
      SELECT (SELECT count(*) FROM logged)::bigint AS n`,
  );
  return Number(row?.n ?? 0);
}

export async function removeMembersWhere(ctx: ActorContext, group: { id: number; name: string }, where: SQL, bulk: boolean): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH del AS (
        DELETE FROM group_members gm USING users
        WHERE gm.group_id = ${group.id} AND gm.user_id = users.id AND (${where})
        RETURNING gm.user_id
      ),
      logged AS (
        INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
        SELECT user_id, 'group', ${`Removed from group ${group.name}${bulk ? " (bulk)" : ""}`},
          ${JSON.stringify({ groupId: group.id, change: "removed", bulk })}::jsonb, ${ctx.actor.id}::bigint
        FROM del RETURNING 1
      )
      SELECT (SELECT count(*) FROM logged)::bigint AS n`,
  );
  return Number(row?.n ?? 0);
}

const idList = (ids: number[]) => sql`id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;

async function assertUsersExist(ctx: ServiceContext, ids: number[]): Promise<void> {
  const found = await queryRows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE ${idList(ids)}`);
  const have = new Set(found.map((r) => Number(r.id)));
  const missing = ids.filter((id) => !have.has(id));
  if (missing.length) throw new ValidationError("userIds", `no user with id ${missing.slice(0, 5).join(", ")}`);
}

export async function addMembers({ ctx, input }: { ctx: ActorContext; input: { groupId: number; userIds: number[] } }) {
  return withTransaction(ctx, async (tx) => {
    const group = await loadGroup(tx, input.groupId, true);
    await assertUsersExist(tx, input.userIds);
    const added = await addMembersWhere(tx, group, idList(input.userIds), false);
    if (added) await recordAudit(tx, { action: "group.members.add", targetType: "group", targetId: group.id, after: { userIds: input.userIds, added } });
    return { changed: added };
  });
}

export async function removeMembers({ ctx, input }: { ctx: ActorContext; input: { groupId: number; userIds: number[] } }) {
  return withTransaction(ctx, async (tx) => {
    const group = await loadGroup(tx, input.groupId, true);
    const removed = await removeMembersWhere(tx, group, idList(input.userIds), false);
    if (removed) await recordAudit(tx, { action: "group.members.remove", targetType: "group", targetId: group.id, after: { userIds: input.userIds, removed } });
    return { changed: removed };
  });
}

/** The Groups & tags tab: memberships, tags, effective tax exemption (G2) and smart type with why (G6). */
export async function userGroupsView({ ctx, input }: { ctx: ServiceContext; input: { userId: number } }): Promise<UserGroupsView> {
  const [user] = await queryRows<{ smartTypeId: number | null }>(ctx.db, sql`SELECT smart_type_id AS "smartTypeId" FROM users WHERE id = ${input.userId}`);
  if (!user) throw new NotFoundError("No user with that id.");
  const [memberships, tagRows, matches] = await Promise.all([
    queryRows<{ id: number; name: string; taxExempt: boolean; addedAt: Date | string }>(
      ctx.db,
      sql`SELECT g.id, g.name, g.tax_exempt AS "taxExempt", gm.added_at AS "addedAt"
        FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = ${input.userId} ORDER BY lower(g.name)`,
    ),
    queryRows<{ id: number; name: string; colour: string }>(
      ctx.db,
      sql`SELECT t.id, t.name, t.colour FROM user_tags ut JOIN tags t ON t.id = ut.tag_id WHERE ut.user_id = ${input.userId} ORDER BY lower(t.name)`,
    ),
    queryRows<{ id: number; name: string; position: number; groups: string[] }>(
      ctx.db,
      sql`SELECT st.id, st.name, st.position, array_agg(g.name ORDER BY lower(g.name)) AS groups
        FROM group_members gm
        JOIN smart_type_groups sg ON sg.group_id = gm.group_id
        JOIN smart_types st ON st.id = sg.smart_type_id
        JOIN groups g ON g.id = gm.group_id
        WHERE gm.user_id = ${input.userId}
        GROUP BY st.id ORDER BY st.position, st.id`,
    ),
  ]);
  const exemptBy = memberships.filter((g) => g.taxExempt).map((g) => ({ id: g.id, name: g.name }));
  const winner = matches[0] ?? null;
  return {
    groups: memberships.map((g) => ({ ...g, addedAt: new Date(g.addedAt) })),
    tags: tagRows,
    taxExempt: exemptBy.length > 0,
    taxExemptBecause: exemptBy,
    smartType: winner ? { id: winner.id, name: winner.name, position: winner.position } : null,
    smartTypeReason: smartTypeReason(matches),
  };
}

/** "In Trade (priority 1) and Dealer (priority 3); the first in priority order applies." */
export function smartTypeReason(matches: { name: string; position: number; groups: string[] }[]): string {
  if (matches.length === 0) return "None of this user's groups is tied to a smart type.";
  const parts = matches.map((m) => {
    const via = m.groups.length === 1 && m.groups[0] === m.name ? "" : ` via ${m.groups.join(", ")}`;
    return `${m.name} (priority ${m.position}${via})`;
  });
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return matches.length === 1 ? `In ${list}.` : `In ${list}; the first in priority order applies.`;
}
