import { eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, timelineEvents } from "@/db/schema";
import type { Database } from "@/db/client";
import type { TimelineKind } from "@/server/schemas/timeline";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs, type Caller } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";

async function allIds(caller: Caller, userId: number, limit: number, kinds?: TimelineKind[]): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await caller.timeline.list({ userId, limit, kinds, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("paging did not end");
}

async function seedEvents(db: Database, userId: number, actorId: number | null) {
  const same = new Date("2026-05-01T09:00:00.500Z");
  const kinds: TimelineKind[] = ["created", "status", "email", "status", "login", "email", "status", "order", "level"];
  return db
    .insert(timelineEvents)
    .values(
      kinds.map((kind, i) => ({
        userId,
        kind,
        summary: `${kind} ${i}`,
        actorId: i % 2 ? actorId : null,
        // Five events share one instant: the page boundary has to fall inside a tie.
        createdAt: i < 5 ? same : new Date(same.getTime() + i * 1000),
      })),
    )
    .returning();
}

describe("timeline.list", () => {
  test("staff read it; customers and anonymous callers are refused; unknown users are NOT_FOUND", async ({ db }) => {
    const customer = await createUser(db);
    await expectTRPCError(anonymousCaller(db).timeline.list({ userId: customer.id }), "UNAUTHORIZED");
    await expectTRPCError((await callerAs(db, "customer")).caller.timeline.list({ userId: customer.id }), "FORBIDDEN");
    const { caller } = await callerAs(db, "manager");
    await expect(caller.timeline.list({ userId: customer.id })).resolves.toEqual({ items: [], nextCursor: null });
    await expectTRPCError(caller.timeline.list({ userId: 987_654_321 }), "NOT_FOUND");
    await expectTRPCError(caller.timeline.list({ userId: customer.id, limit: 0 }), "BAD_REQUEST");
    await expectTRPCError(caller.timeline.list({ userId: customer.id, kinds: ["nonsense" as TimelineKind] }), "BAD_REQUEST");
  });

  test("newest first, paged across a boundary inside a run of equal timestamps, with the actor's name", async ({ db }) => {
    const { caller, user: staff } = await callerAs(db, "admin");
    const customer = await createUser(db);
    const other = await createUser(db);
    const rows = await seedEvents(db, customer.id, staff.id);
    await seedEvents(db, other.id, staff.id);
    const expected = [...rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
      .map((r) => r.id);
    for (const limit of [1, 2, 3, 4, 100]) expect(await allIds(caller, customer.id, limit)).toEqual(expected);
    const page = await caller.timeline.list({ userId: customer.id, limit: 2 });
    expect(page.items[0]).toMatchObject({ kind: "level", actorId: null, actorName: null, mine: false });
    expect(page.items[1]).toMatchObject({ kind: "order", actorId: staff.id, actorName: `${staff.firstName} ${staff.lastName}`, mine: true });
  });

  test("filters by kind, paging within the filter", async ({ db }) => {
    const { caller } = await callerAs(db, "manager");
    const customer = await createUser(db);
    const rows = await seedEvents(db, customer.id, null);
    const expectIds = (kinds: string[]) =>
      rows
        .filter((r) => kinds.includes(r.kind))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
        .map((r) => r.id);
    expect(await allIds(caller, customer.id, 1, ["status"])).toEqual(expectIds(["status"]));
    expect(await allIds(caller, customer.id, 2, ["status", "email"])).toEqual(expectIds(["status", "email"]));
    expect(await allIds(caller, customer.id, 5, ["comment"])).toEqual([]);
  });
});

describe("timeline comments", () => {
  test("a manager comments; it tops the feed as the author's, and the audit log records it", async ({ db }) => {
    const { caller, user: manager } = await callerAs(db, "manager");
    const customer = await createUser(db);
    await seedEvents(db, customer.id, null);
    const added = await caller.timeline.comments.add({ userId: customer.id, body: "  Called about the trade account.  " });
    expect(added).toMatchObject({ kind: "comment", summary: "Comment", data: { body: "Called about the trade account." }, mine: true, editedAt: null });
    const [top] = (await caller.timeline.list({ userId: customer.id, limit: 1 })).items;
    expect(top).toMatchObject({ id: added.id, actorId: manager.id, actorName: `${manager.firstName} ${manager.lastName}` });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "comment.add"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: manager.id, targetType: "user", targetId: String(customer.id), after: { commentId: added.id } });
    const { caller: other } = await callerAs(db, "admin");
    const [seenByOther] = (await other.timeline.list({ userId: customer.id, limit: 1 })).items;
    expect(seenByOther?.mine).toBe(false);
  });

  test("refused for customers and anonymous callers, for unknown users, and for empty bodies", async ({ db }) => {
    const customer = await createUser(db);
    await expectTRPCError(anonymousCaller(db).timeline.comments.add({ userId: customer.id, body: "x" }), "UNAUTHORIZED");
    const { caller: customerCaller } = await callerAs(db, "customer");
    await expectTRPCError(customerCaller.timeline.comments.add({ userId: customer.id, body: "x" }), "FORBIDDEN");
    const { caller } = await callerAs(db, "admin");
    const c = await caller.timeline.comments.add({ userId: customer.id, body: "x" });
    await expectTRPCError(customerCaller.timeline.comments.edit({ id: c.id, body: "y" }), "FORBIDDEN");
    await expectTRPCError(customerCaller.timeline.comments.delete({ id: c.id }), "FORBIDDEN");
    await expectTRPCError(anonymousCaller(db).timeline.comments.delete({ id: c.id }), "UNAUTHORIZED");
    await expectTRPCError(caller.timeline.comments.add({ userId: 987_654_321, body: "Hello" }), "NOT_FOUND");
    const empty = await expectTRPCError(caller.timeline.comments.add({ userId: customer.id, body: "   " }), "BAD_REQUEST");
    expect(empty.message).toContain("body");
    await expectTRPCError(caller.timeline.comments.add({ userId: customer.id, body: "x".repeat(5001) }), "BAD_REQUEST");
    expect(await db.select().from(timelineEvents).where(eq(timelineEvents.userId, customer.id))).toHaveLength(1);
  });

  test("only the author may edit or delete; editing marks it edited; both are audited", async ({ db }) => {
    const { caller: author } = await callerAs(db, "manager");
    const customer = await createUser(db);
    const c = await author.timeline.comments.add({ userId: customer.id, body: "First draft" });
    for (const role of ["manager", "admin", "owner"] as const) {
      const { caller } = await callerAs(db, role);
      const err = await expectTRPCError(caller.timeline.comments.edit({ id: c.id, body: "Hijacked" }), "FORBIDDEN");
      expect(err.message).toMatch(/author/);
      await expectTRPCError(caller.timeline.comments.delete({ id: c.id }), "FORBIDDEN");
    }
    const [unchanged] = await db.select().from(timelineEvents).where(eq(timelineEvents.id, c.id));
    expect(unchanged).toMatchObject({ data: { body: "First draft" }, editedAt: null });

    const edited = await author.timeline.comments.edit({ id: c.id, body: "Second draft" });
    expect(edited).toMatchObject({ id: c.id, data: { body: "Second draft" }, editedAt: expect.any(Date), mine: true });
    expect(edited.createdAt).toEqual(c.createdAt);

    await author.timeline.comments.delete({ id: c.id });
    expect(await db.select().from(timelineEvents).where(eq(timelineEvents.id, c.id))).toHaveLength(0);
    await expectTRPCError(author.timeline.comments.delete({ id: c.id }), "NOT_FOUND");
    await expectTRPCError(author.timeline.comments.edit({ id: c.id, body: "Again" }), "NOT_FOUND");

    const audit = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'comment.%'`)
      .orderBy(auditEvents.id);
    expect(audit.map((a) => a.action)).toEqual(["comment.add", "comment.edit", "comment.delete"]);
    expect(audit[1]).toMatchObject({ before: { body: "First draft" }, after: { body: "Second draft" } });
    expect(audit[2]).toMatchObject({ before: { commentId: c.id, body: "Second draft" }, after: null });
  });

  test("events that are not comments cannot be edited or deleted through the comment procedures", async ({ db }) => {
    const { caller, user: staff } = await callerAs(db, "owner");
    const customer = await createUser(db);
    const [status] = await seedEvents(db, customer.id, staff.id).then((rows) => rows.filter((r) => r.actorId === staff.id));
    await expectTRPCError(caller.timeline.comments.edit({ id: status!.id, body: "rewrite history" }), "NOT_FOUND");
    await expectTRPCError(caller.timeline.comments.delete({ id: status!.id }), "NOT_FOUND");
    expect(await db.select().from(timelineEvents).where(eq(timelineEvents.id, status!.id))).toHaveLength(1);
  });
});
