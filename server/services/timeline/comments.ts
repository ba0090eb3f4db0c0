import { and, eq } from "drizzle-orm";
import { timelineEvents, users } from "@/db/schema";
import type { TimelineItem } from "@/server/schemas/timeline";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext } from "../core/context";
import { ForbiddenError, NotFoundError } from "../core/errors";
import { assertUserExists, timelineColumns, toTimelineItem } from "./list";

async function itemById(ctx: ActorContext, id: number): Promise<TimelineItem> {
  const [row] = await ctx.db
    .select(timelineColumns())
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .where(eq(timelineEvents.id, id));
  if (!row) throw new NotFoundError("That comment no longer exists.");
  return toTimelineItem(row, ctx.actor.id);
}

/** The comment, locked, provided the signed-in staff member wrote it. */
async function ownComment(ctx: ActorContext, id: number) {
  const [row] = await ctx.db
    .select({ id: timelineEvents.id, userId: timelineEvents.userId, actorId: timelineEvents.actorId, data: timelineEvents.data })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.id, id), eq(timelineEvents.kind, "comment")))
    .for("update");
  if (!row) throw new NotFoundError("That comment no longer exists.");
  if (row.actorId !== ctx.actor.id) throw new ForbiddenError("Only the author can change or delete a comment.");
  return row;
}

export async function addComment({ ctx, input }: { ctx: ActorContext; input: { userId: number; body: string } }): Promise<TimelineItem> {
  return withTransaction(ctx, async (tx) => {
    await assertUserExists(tx, input.userId);
    const [row] = await tx.db
      .insert(timelineEvents)
      .values({ userId: input.userId, kind: "comment", summary: "Comment", data: { body: input.body }, actorId: tx.actor.id })
      .returning({ id: timelineEvents.id });
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, {
      action: "comment.add",
      targetType: "user",
      targetId: input.userId,
      after: { commentId: row.id, body: input.body },
    });
    return itemById(tx, row.id);
  });
}

export async function editComment({ ctx, input }: { ctx: ActorContext; input: { id: number; body: string } }): Promise<TimelineItem> {
  return withTransaction(ctx, async (tx) => {
    const comment = await ownComment(tx, input.id);
    const before = typeof comment.data.body === "string" ? comment.data.body : "";
    if (before === input.body) return itemById(tx, comment.id);
    await tx.db
      .update(timelineEvents)
      .set({ data: { ...comment.data, body: input.body }, editedAt: new Date() })
      .where(eq(timelineEvents.id, comment.id));
    await recordAudit(tx, {
      action: "comment.edit",
      targetType: "user",
      targetId: comment.userId,
      before: { commentId: comment.id, body: before },
      after: { commentId: comment.id, body: input.body },
    });
    return itemById(tx, comment.id);
  });
}

export async function deleteComment({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<{ id: number }> {
  return withTransaction(ctx, async (tx) => {
    const comment = await ownComment(tx, input.id);
    await tx.db.delete(timelineEvents).where(eq(timelineEvents.id, comment.id));
    await recordAudit(tx, {
      action: "comment.delete",
      targetType: "user",
      targetId: comment.userId,
      before: { commentId: comment.id, body: comment.data.body ?? null },
    });
    return { id: comment.id };
  });
}
