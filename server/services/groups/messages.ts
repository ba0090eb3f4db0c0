import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { groupMessages } from "@/db/schema";
import { queryRows } from "@/db/client";
import type { GroupMessage, GroupMessageCreateInput, GroupMessageUpdateInput, MyGroupMessage } from "@/server/schemas/groups";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { loadGroup } from "./groups";

function stateOf(m: { startsAt: Date; endsAt: Date | null }, now: Date): GroupMessage["state"] {
  if (m.startsAt > now) return "scheduled";
  if (m.endsAt && m.endsAt <= now) return "ended";
  return "active";
}

export async function listGroupMessages({ ctx, input }: { ctx: ServiceContext; input: { groupId: number } }): Promise<GroupMessage[]> {
  await loadGroup(ctx, input.groupId);
  const rows = await queryRows<Omit<GroupMessage, "state" | "startsAt" | "endsAt"> & { startsAt: Date | string; endsAt: Date | string | null }>(
    ctx.db,
    sql`SELECT m.id, m.group_id AS "groupId", m.title, m.body, m.starts_at AS "startsAt", m.ends_at AS "endsAt",
        (SELECT count(*) FROM group_message_dismissals d WHERE d.message_id = m.id)::int AS dismissals
      FROM group_messages m WHERE m.group_id = ${input.groupId} ORDER BY m.starts_at DESC, m.id DESC`,
  );
  const now = new Date();
  return rows.map((r) => {
    const m = { ...r, startsAt: new Date(r.startsAt), endsAt: r.endsAt === null ? null : new Date(r.endsAt), dismissals: Number(r.dismissals) };
    return { ...m, state: stateOf(m, now) };
  });
}

export async function createGroupMessage({ ctx, input }: { ctx: ActorContext; input: z.output<typeof GroupMessageCreateInput> }) {
  return withTransaction(ctx, async (tx) => {
    await loadGroup(tx, input.groupId);
    const [row] = await tx.db.insert(groupMessages).values({ ...input, createdBy: ctx.actor.id }).returning();
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, { action: "group.message.create", targetType: "group", targetId: input.groupId, after: { id: row.id, title: row.title } });
    return { id: row.id };
  });
}

export async function updateGroupMessage({ ctx, input }: { ctx: ActorContext; input: z.output<typeof GroupMessageUpdateInput> }) {
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx.db.select().from(groupMessages).where(eq(groupMessages.id, input.id)).for("update");
    if (!current) throw new NotFoundError("No message with that id.");
    const { id, ...patch } = input;
    const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    if (next.endsAt && next.endsAt <= next.startsAt) throw new ValidationError("endsAt", "the end must be after the start");
    await tx.db
      .update(groupMessages)
      .set({ title: next.title, body: next.body, startsAt: next.startsAt, endsAt: next.endsAt })
      .where(eq(groupMessages.id, id));
    await recordAudit(tx, { action: "group.message.update", targetType: "group", targetId: current.groupId, before: { id, title: current.title }, after: { id, title: next.title } });
    return { id };
  });
}

export async function deleteGroupMessage({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db.delete(groupMessages).where(eq(groupMessages.id, input.id)).returning();
    if (!row) throw new NotFoundError("No message with that id.");
    await recordAudit(tx, { action: "group.message.delete", targetType: "group", targetId: row.groupId, before: { id: row.id, title: row.title } });
    return { id: row.id };
  });
}

/** G5: active messages of the caller's groups that the caller has not dismissed. */
export async function myGroupMessages({ ctx }: { ctx: ActorContext }): Promise<MyGroupMessage[]> {
  const rows = await queryRows<MyGroupMessage & { startsAt: Date | string }>(
    ctx.db,
    sql`SELECT m.id, g.name AS "groupName", m.title, m.body, m.starts_at AS "startsAt"
      FROM group_members gm
      JOIN group_messages m ON m.group_id = gm.group_id
      JOIN groups g ON g.id = m.group_id
      WHERE gm.user_id = ${ctx.actor.id}
        AND m.starts_at <= now() AND (m.ends_at IS NULL OR m.ends_at > now())
        AND NOT EXISTS (SELECT 1 FROM group_message_dismissals d WHERE d.message_id = m.id AND d.user_id = ${ctx.actor.id})
      ORDER BY m.starts_at DESC, m.id DESC`,
  );
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt) }));
}

/** Dismisses one of the caller's own messages; another group's message id is simply not found. */
export async function dismissGroupMessage({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  const visible = await queryRows<{ id: number }>(
    ctx.db,
    sql`SELECT m.id FROM group_messages m JOIN group_members gm ON gm.group_id = m.group_id AND gm.user_id = ${ctx.actor.id} WHERE m.id = ${input.id}`,
  );
  if (visible.length === 0) throw new NotFoundError("No such message.");
  await queryRows(
    ctx.db,
    sql`INSERT INTO group_message_dismissals (message_id, user_id) VALUES (${input.id}, ${ctx.actor.id}) ON CONFLICT DO NOTHING`,
  );
  return { id: input.id };
}

