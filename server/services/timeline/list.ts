import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { timelineEvents, users } from "@/db/schema";
import type { TimelineItem, TimelineKind } from "@/server/schemas/timeline";
import type { ActorContext, ServiceContext } from "../core/context";
import { NotFoundError } from "../core/errors";
import { beforeKey, cursorTimestamp, decodeTimeCursor, encodeTimeCursor } from "../core/keyset";

export interface TimelineListParams {
  userId: number;
  kinds?: TimelineKind[];
  cursor?: string | null;
  limit: number;
}

export async function assertUserExists(ctx: ServiceContext, userId: number): Promise<void> {
  const [row] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!row) throw new NotFoundError("That user does not exist.");
}

/** The columns of a timeline item; the actor's name comes from the same query (no N+1). */
export function timelineColumns() {
  return {
    id: timelineEvents.id,
    userId: timelineEvents.userId,
    kind: timelineEvents.kind,
    summary: timelineEvents.summary,
    data: timelineEvents.data,
    actorId: timelineEvents.actorId,
    actorName: sql<string | null>`coalesce(nullif(trim(${users.firstName} || ' ' || ${users.lastName}), ''), ${users.email})`,
    createdAt: timelineEvents.createdAt,
    editedAt: timelineEvents.editedAt,
  };
}

type Row = Omit<TimelineItem, "createdAt" | "editedAt" | "mine"> & { createdAt: Date | string; editedAt: Date | string | null };

/** `mine`: the viewer is the actor (for comments: the author, who alone may edit or delete it). */
export function toTimelineItem(r: Row, viewerId: number): TimelineItem {
  return {
    ...r,
    data: r.data ?? {},
    createdAt: new Date(r.createdAt),
    editedAt: r.editedAt ? new Date(r.editedAt) : null,
    mine: r.actorId !== null && r.actorId === viewerId,
  };
}

/** One user's feed, newest first, keyset-paged on (created_at, id). */
export async function listTimeline({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: TimelineListParams;
}): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const key = decodeTimeCursor(input.cursor);
  await assertUserExists(ctx, input.userId);
  const where: SQL[] = [eq(timelineEvents.userId, input.userId)];
  if (input.kinds?.length) where.push(inArray(timelineEvents.kind, input.kinds));
  if (key) where.push(beforeKey(timelineEvents.createdAt, timelineEvents.id, key));

  const rows = await ctx.db
    .select({ ...timelineColumns(), cursorTs: cursorTimestamp(timelineEvents.createdAt) })
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .where(and(...where))
    .orderBy(desc(timelineEvents.createdAt), desc(timelineEvents.id))
    .limit(input.limit + 1);

  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursorTs: _ts, ...r }) => toTimelineItem(r, ctx.actor.id)),
    nextCursor: rows.length > input.limit && last ? encodeTimeCursor({ ts: last.cursorTs, id: last.id }) : null,
  };
}
