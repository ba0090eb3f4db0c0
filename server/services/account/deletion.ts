import { and, desc, eq, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { alias } from "drizzle-orm/pg-core";
import { deletionRequests, users } from "@/db/schema";
import type { DeletionRequestItem, DeletionRequestListInput } from "@/server/schemas/account";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors";
import { deleteUser } from "../users/delete";

type Status = DeletionRequestItem["status"];

const u = alias(users, "u");

/** "completed" is derived: the request's user has been anonymised, by whichever path. */
const STATUS = sql<Status>`CASE WHEN ${u.anonymisedAt} IS NOT NULL AND ${deletionRequests.status} = 'open' THEN 'completed' ELSE ${deletionRequests.status}::text END`;

function statusCondition(status: Status): SQL {
  if (status === "completed") return sql`${deletionRequests.status} = 'open' AND ${u.anonymisedAt} IS NOT NULL`;
  if (status === "open") return sql`${deletionRequests.status} = 'open' AND ${u.anonymisedAt} IS NULL`;
  return sql`${deletionRequests.status} = ${status}`;
}

const ITEM = {
  id: deletionRequests.id,
  userId: deletionRequests.userId,
  reason: deletionRequests.reason,
  status: STATUS,
  createdAt: deletionRequests.createdAt,
  closedAt: deletionRequests.closedAt,
  closeNote: deletionRequests.closeNote,
  email: u.email,
  name: sql<string>`trim(${u.firstName} || ' ' || ${u.lastName})`,
  orderCount: u.orderCount,
  closedBy: sql<string | null>`(SELECT coalesce(nullif(trim(c.first_name || ' ' || c.last_name), ''), c.email) FROM users c WHERE c.id = ${deletionRequests.closedById})`,
};

/** C2: the signed-in customer's latest request, if any. */
export async function myDeletionRequest({ ctx }: { ctx: ActorContext; input?: void }) {
  const [row] = await ctx.db
    .select({ id: ITEM.id, status: ITEM.status, createdAt: ITEM.createdAt, closeNote: ITEM.closeNote })
    .from(deletionRequests)
    .innerJoin(u, eq(u.id, deletionRequests.userId))
    .where(eq(deletionRequests.userId, ctx.actor.id))
    .orderBy(desc(deletionRequests.createdAt), desc(deletionRequests.id))
    .limit(1);
  return row ?? null;
}

export async function requestDeletion({ ctx, input }: { ctx: ActorContext; input: { reason: string | null } }) {
  return withTransaction(ctx, async (tx) => {
    const [open] = await tx.db
      .select({ id: deletionRequests.id })
      .from(deletionRequests)
      .where(and(eq(deletionRequests.userId, ctx.actor.id), eq(deletionRequests.status, "open")));
    if (open) throw new ConflictError("You have already asked for your account to be deleted; we are on it.");
    const [row] = await tx.db.insert(deletionRequests).values({ userId: ctx.actor.id, reason: input.reason }).returning({ id: deletionRequests.id });
    if (!row) throw new Error("insert returned nothing");
    await recordTimeline(tx, { userId: ctx.actor.id, kind: "deletion", summary: "Asked for the account to be deleted", data: { requestId: row.id } });
    await recordAudit(tx, { action: "account.deletion_requested", targetType: "user", targetId: ctx.actor.id, after: { requestId: row.id } });
    return { id: row.id };
  });
}

export async function withdrawDeletion({ ctx }: { ctx: ActorContext; input?: void }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(deletionRequests)
      .set({ status: "withdrawn", closedAt: new Date(), closedById: ctx.actor.id })
      .where(and(eq(deletionRequests.userId, ctx.actor.id), eq(deletionRequests.status, "open")))
      .returning({ id: deletionRequests.id });
    if (!row) throw new NotFoundError("There is no open deletion request to withdraw.");
    await recordTimeline(tx, { userId: ctx.actor.id, kind: "deletion", summary: "Withdrew the request to delete the account", data: { requestId: row.id } });
    return { id: row.id };
  });
}

/** Staff: requests by state, newest first (keyset on id). */
export async function listDeletionRequests({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof DeletionRequestListInput> }) {
  const conditions = [statusCondition(input.status)];
  if (input.cursor) conditions.push(lt(deletionRequests.id, input.cursor));
  const [rows, [open]] = await Promise.all([
    ctx.db
      .select(ITEM)
      .from(deletionRequests)
      .innerJoin(u, eq(u.id, deletionRequests.userId))
      .where(and(...conditions))
      .orderBy(desc(deletionRequests.id))
      .limit(input.limit + 1),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(deletionRequests)
      .innerJoin(u, eq(u.id, deletionRequests.userId))
      .where(statusCondition("open")),
  ]);
  const page = rows.slice(0, input.limit).map((r) => ({ ...r, orderCount: Number(r.orderCount) }));
  return { items: page, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null, openCount: Number(open?.n ?? 0) };
}

/** Staff: the open request of one user (the banner on the user record), or null. */
export async function openRequestForUser({ ctx, input }: { ctx: ServiceContext; input: { userId: number } }) {
  const [row] = await ctx.db
    .select(ITEM)
    .from(deletionRequests)
    .innerJoin(u, eq(u.id, deletionRequests.userId))
    .where(and(eq(deletionRequests.userId, input.userId), statusCondition("open")))
    .limit(1);
  return row ? { ...row, orderCount: Number(row.orderCount) } : null;
}

async function loadOpen(ctx: ServiceContext, id: number) {
  const [row] = await ctx.db
    .select({ id: deletionRequests.id, userId: deletionRequests.userId, anonymisedAt: users.anonymisedAt })
    .from(deletionRequests)
    .innerJoin(users, eq(users.id, deletionRequests.userId))
    .where(eq(deletionRequests.id, id))
    .for("update", { of: deletionRequests });
  if (!row) throw new NotFoundError("No deletion request with that id.");
  if (row.anonymisedAt) throw new ValidationError("id", "this request was already fulfilled: the account is anonymised");
  return row;
}

/** Admin: fulfils the request by anonymising the account (orders are kept for accounting). */
export async function fulfilDeletion({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const req = await loadOpen(tx, input.id);
    const [current] = await tx.db.select({ status: deletionRequests.status }).from(deletionRequests).where(eq(deletionRequests.id, req.id));
    if (current?.status !== "open") throw new ValidationError("id", `this request was ${current?.status ?? "closed"}`);
    await deleteUser({ ctx: tx, input: { id: req.userId, mode: "anonymise" } });
    await tx.db.update(deletionRequests).set({ closedAt: new Date(), closedById: ctx.actor.id, closeNote: "Anonymised", reason: null }).where(eq(deletionRequests.id, req.id));
    return { id: req.id, userId: req.userId };
  });
}

/** Admin: declines a request (e.g. a legal hold), with a note the customer sees. */
export async function dismissDeletion({ ctx, input }: { ctx: ActorContext; input: { id: number; note: string } }) {
  return withTransaction(ctx, async (tx) => {
    const req = await loadOpen(tx, input.id);
    const [row] = await tx.db
      .update(deletionRequests)
      .set({ status: "dismissed", closedAt: new Date(), closedById: ctx.actor.id, closeNote: input.note })
      .where(and(eq(deletionRequests.id, req.id), eq(deletionRequests.status, "open"), isNull(deletionRequests.closedAt)))
      .returning({ id: deletionRequests.id });
    if (!row) throw new ValidationError("id", "this request is no longer open");
    await recordTimeline(tx, { userId: req.userId, kind: "deletion", summary: `Deletion request declined by ${ctx.actor.name}: ${input.note}`, data: { requestId: req.id } });
    await recordAudit(tx, { action: "account.deletion_dismissed", targetType: "user", targetId: req.userId, after: { requestId: req.id } });
    return { id: req.id };
  });
}
