import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, groupMembers, groups, timelineEvents, users } from "@/db/schema";
import { listProcedures } from "@/server/api/root";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs, type Caller } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { addToGroup, createGroup, createTag, expectCountsConsistent, expectSmartTypesConsistent, createSmartType, smartTypeOf } from "../helpers/groups";
import { expectTRPCError } from "../helpers/trpc-errors";

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

const MINE = /^(groups|tags)\./;

describe("groups and tags: who may do what", () => {
  test("managers read groups, tags and smart types; every write is admin-only; customers get none of it", async ({ db }) => {
    const mine = listProcedures().filter((p) => MINE.test(p.path));
    expect(mine.length).toBeGreaterThan(20);
    const { caller: manager } = await callerAs(db, "manager");
    const { caller: customer } = await callerAs(db, "customer");
    for (const p of mine) {
      if (p.tier === "admin") await expectTRPCError(call(manager, p.path, {}), "FORBIDDEN");
      if (p.tier === "staff" || p.tier === "admin") await expectTRPCError(call(customer, p.path, {}), "FORBIDDEN");
      await expectTRPCError(call(anonymousCaller(db), p.path, {}), "UNAUTHORIZED");
    }
    // Every write is admin tier; only the member's own messages are open to any signed-in user.
    const writes = mine.filter((p) => p.type === "mutation");
    expect(writes.filter((p) => p.tier !== "admin").map((p) => p.path)).toEqual(["groups.messages.dismiss"]);
    const group = await createGroup(db, { name: "Readable" });
    await expect(manager.groups.list()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: group.id })]));
    await expect(manager.tags.list()).resolves.toBeInstanceOf(Array);
    await expect(manager.groups.smartTypes.report()).resolves.toMatchObject({ rows: [] });
    expect(await db.select().from(groups).where(eq(groups.id, group.id))).toHaveLength(1);
  });
});

describe("groups (G1)", () => {
  test("create, rename, describe and flag tax-exempt; names are unique regardless of case", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const { id } = await caller.groups.create({ name: "Trade", description: "Trade accounts" });
    await caller.groups.update({ id, name: "Trade customers", taxExempt: true });
    await expect(caller.groups.get({ id })).resolves.toMatchObject({ name: "Trade customers", description: "Trade accounts", taxExempt: true, memberCount: 0 });
    const err = await expectTRPCError(caller.groups.create({ name: "TRADE customers" }), "BAD_REQUEST");
    expect(err.message).toMatch(/^name: another group already has this name/);
    const blank = await expectTRPCError(caller.groups.create({ name: "  " }), "BAD_REQUEST");
    expect(blank.message).toMatch(/name/);
    expect(await db.select().from(groups).where(sql`lower(name) LIKE 'trade%'`)).toHaveLength(1);
  });

  test("members are added and removed from the group page with a timeline entry each; counts follow", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const group = await createGroup(db, { name: "Dealers" });
    const [a, b] = [await createUser(db), await createUser(db)];
    await expect(caller.groups.members.add({ groupId: group.id, userIds: [a.id, b.id] })).resolves.toEqual({ changed: 2 });
    // Adding someone twice is not a change.
    await expect(caller.groups.members.add({ groupId: group.id, userIds: [a.id] })).resolves.toEqual({ changed: 0 });
    expect((await caller.groups.get({ id: group.id })).memberCount).toBe(2);
    const page = await caller.groups.members.list({ groupId: group.id, limit: 1 });
    expect(page.items.map((m) => m.id)).toEqual([b.id]);
    const next = await caller.groups.members.list({ groupId: group.id, limit: 1, cursor: page.nextCursor });
    expect(next.items.map((m) => m.id)).toEqual([a.id]);
    expect(next.nextCursor).toBeNull();

    await caller.groups.members.remove({ groupId: group.id, userIds: [a.id] });
    expect((await caller.groups.get({ id: group.id })).memberCount).toBe(1);
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, a.id), eq(timelineEvents.kind, "group")));
    expect(events.map((e) => e.summary).sort()).toEqual(["Added to group Dealers", "Removed from group Dealers"]);
    await expectCountsConsistent(db);
  });

  test("adding an unknown user names the field and adds nobody", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const group = await createGroup(db);
    const a = await createUser(db);
    const err = await expectTRPCError(caller.groups.members.add({ groupId: group.id, userIds: [a.id, 987_654_321] }), "BAD_REQUEST");
    expect(err.message).toMatch(/^userIds: no user with id 987654321/);
    expect(await db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).toEqual([]);
  });

  test("deleting a group says first what happens to its members, then removes only the group", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const exempt = await createGroup(db, { name: "Charities", taxExempt: true });
    const other = await createGroup(db, { name: "Schools", taxExempt: true });
    const [a, b] = [await createUser(db), await createUser(db)];
    await addToGroup(db, exempt.id, [a.id, b.id]);
    await addToGroup(db, other.id, [b.id]);
    const type = await createSmartType(db, "Charity", [exempt.id]);
    await caller.groups.messages.create({ groupId: exempt.id, title: "Hello", body: "Welcome", startsAt: new Date() });

    const preview = await caller.groups.deletePreview({ id: exempt.id });
    expect(preview).toEqual({ memberCount: 2, smartTypeChanges: 2, smartTypes: ["Charity"], priceBreaks: 0, messages: 1, taxExemptLosing: 1 });
    expect(await smartTypeOf(db, a.id)).toBe(type.id);

    await expect(caller.groups.delete({ id: exempt.id })).resolves.toEqual({ removedMembers: 2 });
    expect(await db.select().from(users).where(inArray(users.id, [a.id, b.id]))).toHaveLength(2);
    expect(await smartTypeOf(db, a.id)).toBeNull();
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, b.id), eq(timelineEvents.kind, "group")));
    expect(events.map((e) => e.summary)).toEqual(["Removed from group Charities (group deleted)"]);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "group.delete"))).toHaveLength(1);
    await expectSmartTypesConsistent(db);
    await expectCountsConsistent(db);
  });

  test("the user record shows effective tax exemption and the group causing it (G2)", async ({ db }) => {
    const { caller } = await callerAs(db, "manager");
    const exempt = await createGroup(db, { name: "Export", taxExempt: true });
    const plain = await createGroup(db, { name: "Retail" });
    const tag = await createTag(db, { name: "VIP", colour: "violet" });
    const u = await createUser(db);
    await addToGroup(db, plain.id, [u.id]);
    let view = await caller.groups.forUser({ userId: u.id });
    expect(view).toMatchObject({ taxExempt: false, taxExemptBecause: [] });
    await addToGroup(db, exempt.id, [u.id]);
    await db.execute(sql`INSERT INTO user_tags (tag_id, user_id) VALUES (${tag.id}, ${u.id})`);
    view = await caller.groups.forUser({ userId: u.id });
    expect(view.taxExempt).toBe(true);
    expect(view.taxExemptBecause).toEqual([{ id: exempt.id, name: "Export" }]);
    expect(view.groups.map((g) => g.name)).toEqual(["Export", "Retail"]);
    expect(view.tags).toEqual([{ id: tag.id, name: "VIP", colour: "violet" }]);
    await expectTRPCError(caller.groups.forUser({ userId: 987_654_321 }), "NOT_FOUND");
  });

  test("deleting a user removes their memberships and keeps the counts exact", async ({ db }) => {
    const group = await createGroup(db);
    const [a, b] = [await createUser(db), await createUser(db)];
    await addToGroup(db, group.id, [a.id, b.id]);
    await createSmartType(db, "Members", [group.id]);
    await db.delete(users).where(eq(users.id, a.id));
    const [row] = await db.select().from(groups).where(eq(groups.id, group.id));
    expect(row?.memberCount).toBe(1);
    await expectCountsConsistent(db);
    await expectSmartTypesConsistent(db);
  });
});
