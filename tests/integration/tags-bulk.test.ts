import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, groupMembers, tags, timelineEvents, userTags } from "@/db/schema";
import { test } from "../helpers/db";
import { callerAs, type Caller } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { addToGroup, createGroup, createTag, expectCountsConsistent, tagUsers } from "../helpers/groups";
import { expectTRPCError } from "../helpers/trpc-errors";

async function ids(caller: Caller, filter: Parameters<Caller["users"]["list"]>[0]["filter"]) {
  const page = await caller.users.list({ filter, limit: 100 });
  return page.items.map((u) => u.id).sort((a, b) => a - b);
}

describe("tags (T1)", () => {
  test("create with a colour, rename, recolour; a colour outside the palette is refused by name", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const { id } = await caller.tags.create({ name: "Wholesale", colour: "teal" });
    await caller.tags.update({ id, name: "Wholesale buyer", colour: "amber" });
    expect((await caller.tags.list()).find((t) => t.id === id)).toMatchObject({ name: "Wholesale buyer", colour: "amber", userCount: 0 });
    const err = await expectTRPCError(caller.tags.create({ name: "Bad", colour: "#fff" as never }), "BAD_REQUEST");
    expect(err.message).toMatch(/^colour: Pick one of/);
    expect(await db.select().from(tags).where(eq(tags.name, "Bad"))).toEqual([]);
  });

  test("assign and remove on the record, with timeline entries and maintained counts", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const tag = await createTag(db, { name: "Late payer" });
    const u = await createUser(db);
    await expect(caller.tags.assign({ userId: u.id, tagId: tag.id })).resolves.toEqual({ changed: 1 });
    await expect(caller.tags.assign({ userId: u.id, tagId: tag.id })).resolves.toEqual({ changed: 0 });
    expect((await caller.tags.list()).find((t) => t.id === tag.id)?.userCount).toBe(1);
    await caller.tags.unassign({ userId: u.id, tagId: tag.id });
    expect((await caller.tags.list()).find((t) => t.id === tag.id)?.userCount).toBe(0);
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, u.id), eq(timelineEvents.kind, "tag")));
    expect(events.map((e) => e.summary).sort()).toEqual(["Tag Late payer removed", "Tagged Late payer"]);
    await expectTRPCError(caller.tags.assign({ userId: 987_654_321, tagId: tag.id }), "BAD_REQUEST");
  });

  test("list filter: any-of, all-of, combined with status and group", async ({ db }) => {
    const { caller } = await callerAs(db, "manager");
    const [red, blue] = [await createTag(db), await createTag(db)];
    const group = await createGroup(db);
    const a = await createUser(db, { status: "approved" });
    const b = await createUser(db, { status: "approved" });
    const c = await createUser(db, { status: "pending" });
    await createUser(db);
    await tagUsers(db, red.id, [a.id, b.id, c.id]);
    await tagUsers(db, blue.id, [a.id]);
    await addToGroup(db, group.id, [a.id, c.id]);
    expect(await ids(caller, { tagIds: [red.id, blue.id] })).toEqual([a.id, b.id, c.id]);
    expect(await ids(caller, { tagIds: [red.id, blue.id], tagMode: "all" })).toEqual([a.id]);
    expect(await ids(caller, { tagIds: [red.id], groupIds: [group.id] })).toEqual([a.id, c.id]);
    expect(await ids(caller, { tagIds: [red.id], groupIds: [group.id], status: ["approved"] })).toEqual([a.id]);
    await expect(caller.users.count({ filter: { tagIds: [red.id], tagMode: "all" } })).resolves.toEqual({ count: 3, capped: false });
    const err = await expectTRPCError(caller.users.list({ filter: { tagMode: "some" as never } }), "BAD_REQUEST");
    expect(err.message).toMatch(/tagMode/);
  });
});

describe("bulk group and tag actions (U3)", () => {
  test("add a group to everyone matching a filter: preview count, one timeline entry each, audit", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const group = await createGroup(db, { name: "Distributors" });
    const users = [await createUser(db, { company: "Bulkgroup" }), await createUser(db, { company: "Bulkgroup" }), await createUser(db, { company: "Bulkgroup" })];
    await addToGroup(db, group.id, [users[0]!.id]);
    const input = { target: { kind: "filter" as const, filter: { q: "bulkgroup" } }, action: { type: "addGroup" as const, groupId: group.id } };
    const preview = await caller.users.bulk.preview(input);
    expect(preview).toMatchObject({ matched: 3, willChange: 2 });
    await expect(caller.users.bulk.execute({ ...input, expectedCount: 2 })).resolves.toEqual({ changed: 2 });
    const members = await db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id));
    expect(members).toHaveLength(3);
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.kind, "group"), inArray(timelineEvents.userId, users.map((u) => u.id))));
    expect(events.map((e) => e.summary)).toEqual(["Added to group Distributors (bulk)", "Added to group Distributors (bulk)"]);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "users.bulk.addGroup"))).toHaveLength(1);
    await expectCountsConsistent(db);
  });

  test("bulk tag add and remove on a selection; an unknown tag is refused by name", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const tag = await createTag(db, { name: "Trade show" });
    const [a, b] = [await createUser(db), await createUser(db)];
    const target = { kind: "ids" as const, ids: [a.id, b.id] };
    await caller.users.bulk.execute({ target, action: { type: "addTag", tagId: tag.id }, expectedCount: 2 });
    expect((await caller.tags.list()).find((t) => t.id === tag.id)?.userCount).toBe(2);
    await caller.users.bulk.execute({ target: { kind: "ids", ids: [a.id] }, action: { type: "removeTag", tagId: tag.id }, expectedCount: 1 });
    expect(await db.select().from(userTags).where(eq(userTags.tagId, tag.id))).toEqual([expect.objectContaining({ userId: b.id })]);
    const err = await expectTRPCError(caller.users.bulk.preview({ target, action: { type: "addTag", tagId: 987_654 } }), "BAD_REQUEST");
    expect(err.message).toMatch(/^action\.tagId: is not a tag/);
    await expectCountsConsistent(db);
  });

  test("bulk membership is all-or-nothing: a failure midway adds nobody and logs nothing", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const group = await createGroup(db);
    const [a, b] = [await createUser(db, { company: "Atomicgroup" }), await createUser(db, { company: "Atomicgroup" })];
    await db.execute(sql.raw(`
      CREATE FUNCTION fail_on_second() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.user_id = ${b.id} THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$`));
    await db.execute(sql.raw(`CREATE TRIGGER fail_on_second BEFORE INSERT ON timeline_events FOR EACH ROW EXECUTE FUNCTION fail_on_second()`));
    const input = { target: { kind: "filter" as const, filter: { q: "atomicgroup" } }, action: { type: "addGroup" as const, groupId: group.id } };
    await expect(caller.users.bulk.execute({ ...input, expectedCount: 2 })).rejects.toThrow();
    expect(await db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).toEqual([]);
    expect(await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, a.id), eq(timelineEvents.kind, "group")))).toEqual([]);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "users.bulk.addGroup"))).toEqual([]);
    await expectCountsConsistent(db);
  });

  test("managers cannot run bulk group actions", async ({ db }) => {
    const { caller } = await callerAs(db, "manager");
    const group = await createGroup(db);
    const u = await createUser(db);
    await expectTRPCError(caller.users.bulk.execute({ target: { kind: "ids", ids: [u.id] }, action: { type: "addGroup", groupId: group.id }, expectedCount: 1 }), "FORBIDDEN");
    expect(await db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).toEqual([]);
  });
});
