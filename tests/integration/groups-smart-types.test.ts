import { eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { groupMembers, smartTypes, users } from "@/db/schema";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { addToGroup, createGroup, createSmartType, expectSmartTypesConsistent, smartTypeOf } from "../helpers/groups";
import { expectTRPCError } from "../helpers/trpc-errors";

/** Trade (1) and Dealer (2) overlap: u1 is in both groups, u2 only in Dealer, u3 in neither. */
async function overlapping(db: Parameters<typeof createUser>[0]) {
  const trade = await createGroup(db, { name: "Trade" });
  const dealer = await createGroup(db, { name: "Dealer" });
  const retail = await createGroup(db, { name: "Retail" });
  const [u1, u2, u3] = [await createUser(db, { company: "Overlap" }), await createUser(db, { company: "Overlap" }), await createUser(db, { company: "Overlap" })];
  await addToGroup(db, trade.id, [u1.id]);
  await addToGroup(db, dealer.id, [u1.id, u2.id]);
  await addToGroup(db, retail.id, [u3.id]);
  const tradeType = await createSmartType(db, "Trade", [trade.id]);
  const dealerType = await createSmartType(db, "Dealer", [dealer.id]);
  return { trade, dealer, retail, u1, u2, u3, tradeType, dealerType };
}

describe("smart types (G6)", () => {
  test("a user in several typed groups gets the first type in priority order, and the record says why", async ({ db }) => {
    const s = await overlapping(db);
    const { caller } = await callerAs(db, "manager");
    expect(await smartTypeOf(db, s.u1.id)).toBe(s.tradeType.id);
    expect(await smartTypeOf(db, s.u2.id)).toBe(s.dealerType.id);
    expect(await smartTypeOf(db, s.u3.id)).toBeNull();
    const view = await caller.groups.forUser({ userId: s.u1.id });
    expect(view.smartType).toMatchObject({ id: s.tradeType.id, name: "Trade", position: 1 });
    expect(view.smartTypeReason).toBe("In Trade (priority 1) and Dealer (priority 2); the first in priority order applies.");
    // The list shows it as a column and filters by it.
    const list = await caller.users.list({ filter: { q: "overlap", smartTypeId: [s.dealerType.id] } });
    expect(list.items.map((u) => [u.id, u.smartTypeName])).toEqual([[s.u2.id, "Dealer"]]);
  });

  test("the reorder preview counts exactly the users whose type the save then changes", async ({ db }) => {
    const s = await overlapping(db);
    const { caller } = await callerAs(db, "admin");
    const layout = { items: [{ id: s.dealerType.id, groupIds: [s.dealer.id] }, { id: s.tradeType.id, groupIds: [s.trade.id] }] };
    const preview = await caller.groups.smartTypes.preview(layout);
    // Only u1 is in both; u2 stays Dealer either way.
    expect(preview).toEqual({ changes: 1, counts: [2, 0] });
    // Nothing is written by a preview.
    expect(await smartTypeOf(db, s.u1.id)).toBe(s.tradeType.id);
    await expect(caller.groups.smartTypes.reorder({ ids: [s.dealerType.id, s.tradeType.id], expectedChanges: 1 })).resolves.toEqual({ changed: 1 });
    expect(await smartTypeOf(db, s.u1.id)).toBe(s.dealerType.id);
    const list = await caller.groups.smartTypes.list();
    expect(list.map((t) => [t.name, t.position, t.userCount])).toEqual([["Dealer", 1, 2], ["Trade", 2, 0]]);
    await expectSmartTypesConsistent(db);
  });

  test("a save whose confirmed count no longer holds is refused and changes nothing", async ({ db }) => {
    const s = await overlapping(db);
    const { caller } = await callerAs(db, "admin");
    const err = await expectTRPCError(caller.groups.smartTypes.reorder({ ids: [s.dealerType.id, s.tradeType.id], expectedChanges: 5 }), "CONFLICT");
    expect(err.message).toMatch(/1 would change type now, not 5/);
    const order = await db.select().from(smartTypes).orderBy(smartTypes.position);
    expect(order.map((t) => t.id)).toEqual([s.tradeType.id, s.dealerType.id]);
    expect(await smartTypeOf(db, s.u1.id)).toBe(s.tradeType.id);
    const bad = await expectTRPCError(caller.groups.smartTypes.reorder({ ids: [s.tradeType.id] }), "BAD_REQUEST");
    expect(bad.message).toMatch(/^items: must list every smart type/);
  });

  test("stays correct after membership changes, group edits, new and deleted types", async ({ db }) => {
    const s = await overlapping(db);
    const { caller } = await callerAs(db, "admin");
    // u2 joins Trade: becomes Trade. u1 leaves Trade: falls back to Dealer.
    await caller.groups.members.add({ groupId: s.trade.id, userIds: [s.u2.id] });
    await caller.groups.members.remove({ groupId: s.trade.id, userIds: [s.u1.id] });
    expect(await smartTypeOf(db, s.u2.id)).toBe(s.tradeType.id);
    expect(await smartTypeOf(db, s.u1.id)).toBe(s.dealerType.id);
    await expectSmartTypesConsistent(db);

    // New types go last: Retail members get "Walk-in" only when no earlier type matches them.
    const preview = await caller.groups.smartTypes.preview({
      items: [
        { id: s.tradeType.id, groupIds: [s.trade.id] },
        { id: s.dealerType.id, groupIds: [s.dealer.id] },
        { id: null, groupIds: [s.retail.id, s.dealer.id] },
      ],
    });
    expect(preview.changes).toBe(1);
    const walkIn = await caller.groups.smartTypes.create({ name: "Walk-in", groupIds: [s.retail.id, s.dealer.id], expectedChanges: 1 });
    expect(walkIn.changed).toBe(1);
    expect(await smartTypeOf(db, s.u3.id)).toBe(walkIn.id);

    // Dealer now also covers Retail: u3 moves up to Dealer.
    await caller.groups.smartTypes.update({ id: s.dealerType.id, groupIds: [s.dealer.id, s.retail.id] });
    expect(await smartTypeOf(db, s.u3.id)).toBe(s.dealerType.id);

    // Deleting Dealer: u1 (Dealer only) falls to Walk-in, as does u3.
    const del = await caller.groups.smartTypes.deletePreview({ id: s.dealerType.id });
    expect(del.changes).toBe(2);
    await expect(caller.groups.smartTypes.delete({ id: s.dealerType.id, expectedChanges: 2 })).resolves.toEqual({ changed: 2 });
    expect(await smartTypeOf(db, s.u1.id)).toBe(walkIn.id);
    const positions = await db.select({ id: smartTypes.id, position: smartTypes.position }).from(smartTypes).orderBy(smartTypes.position);
    expect(positions).toEqual([{ id: s.tradeType.id, position: 1 }, { id: walkIn.id, position: 2 }]);
    await expectSmartTypesConsistent(db);

    // Bulk removal through the user list keeps it right too.
    const preview2 = await caller.users.bulk.preview({ target: { kind: "filter", filter: { q: "overlap" } }, action: { type: "removeGroup", groupId: s.trade.id } });
    await caller.users.bulk.execute({ target: { kind: "filter", filter: { q: "overlap" } }, action: { type: "removeGroup", groupId: s.trade.id }, expectedCount: preview2.willChange });
    expect(await smartTypeOf(db, s.u2.id)).toBe(walkIn.id);
    await expectSmartTypesConsistent(db);
  });

  test("the report counts each user once and adds up to the users who have a type", async ({ db }) => {
    const s = await overlapping(db);
    // u1 is also in a second Trade-typed group: still one user.
    const extra = await createGroup(db, { name: "Trade North" });
    await addToGroup(db, extra.id, [s.u1.id, s.u2.id]);
    const { caller: admin } = await callerAs(db, "admin");
    await admin.groups.smartTypes.update({ id: s.tradeType.id, groupIds: [s.trade.id, extra.id] });
    const { caller } = await callerAs(db, "manager");
    const report = await caller.groups.smartTypes.report();
    expect(report.rows.map((r) => [r.name, r.users])).toEqual([["Trade", 2], ["Dealer", 0]]);
    expect(report.typedUsers).toBe(2);
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`smart_type_id IS NOT NULL`);
    expect(report.typedUsers).toBe(Number(row?.n));
    const [all] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(report.typedUsers + report.untypedUsers).toBe(Number(all?.n));
    // Memberships in typed groups outnumber the users counted: no double counting.
    const [memberships] = await db.select({ n: sql<number>`count(*)::int` }).from(groupMembers).where(sql`group_id IN (${s.trade.id}, ${extra.id}, ${s.dealer.id})`);
    expect(Number(memberships?.n)).toBeGreaterThan(report.typedUsers);
  });

  test("a type with an unknown group is refused, naming the field, and nothing is created", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const err = await expectTRPCError(caller.groups.smartTypes.create({ name: "Ghost", groupIds: [987_654] }), "BAD_REQUEST");
    expect(err.message).toMatch(/^groupIds: group 987654 does not exist/);
    expect(await db.select().from(smartTypes).where(eq(smartTypes.name, "Ghost"))).toEqual([]);
  });
});
