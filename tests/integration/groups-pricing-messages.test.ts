import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { categories, groupMessageDismissals, groupPriceBreaks, products } from "@/db/schema";
import type { Database } from "@/db/client";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createSession, createUser } from "../helpers/factories";
import { createCaller } from "@/server/api/root";
import { addToGroup, createGroup } from "../helpers/groups";
import { expectTRPCError } from "../helpers/trpc-errors";

async function catalogue(db: Database) {
  const suffix = Math.random().toString(36).slice(2, 7);
  const [tools] = await db.insert(categories).values({ name: `Tools ${suffix}` }).returning();
  const [drill] = await db.insert(products).values({ sku: `DRILL-${suffix}`, name: "Drill", priceCents: 10_000, categoryId: tools!.id }).returning();
  const [saw] = await db.insert(products).values({ sku: `SAW-${suffix}`, name: "Saw", priceCents: 4_000, categoryId: tools!.id }).returning();
  return { tools: tools!, drill: drill!, saw: saw! };
}

/** A caller signed in as an existing user (the member's own view of /account). */
async function callerFor(db: Database, user: Awaited<ReturnType<typeof createUser>>) {
  const session = await createSession(db, user.id);
  return createCaller({
    db,
    session: { sessionId: session.id, user: { id: user.id, email: user.email, name: user.firstName, role: user.role, sessionId: session.id, mustChangePassword: false } },
    ip: "127.0.0.1",
    userAgent: "vitest",
  });
}

describe("quantity break pricing (G3)", () => {
  test("overlapping breaks from several groups: the customer gets the lowest unit price, with the break and group named", async ({ db }) => {
    const { tools, drill, saw } = await catalogue(db);
    const { caller: admin } = await callerAs(db, "admin");
    const trade = await createGroup(db, { name: "Trade" });
    const dealer = await createGroup(db, { name: "Dealer", taxExempt: true });
    const u = await createUser(db);
    await addToGroup(db, trade.id, [u.id]);
    await addToGroup(db, dealer.id, [u.id]);
    // Trade: drills from 10 at £85; Dealer: 10 % off all tools from 5, 20 % off from 50.
    await admin.groups.priceBreaks.create({ groupId: trade.id, productId: drill.id, minQuantity: 10, kind: "fixed", unitPriceCents: 8_500 });
    await admin.groups.priceBreaks.create({ groupId: dealer.id, categoryId: tools.id, minQuantity: 5, kind: "percent", percentOffBps: 1_000 });
    await admin.groups.priceBreaks.create({ groupId: dealer.id, categoryId: tools.id, minQuantity: 50, kind: "percent", percentOffBps: 2_000 });

    const quote = (lines: { productId?: number; sku?: string; quantity: number }[]) => admin.groups.pricing({ userId: u.id, lines });
    const small = await quote([{ productId: drill.id, quantity: 2 }]);
    expect(small.lines[0]).toMatchObject({ unitPriceCents: 10_000, appliedBreak: null });

    const mid = await quote([{ productId: drill.id, quantity: 12 }, { sku: saw.sku, quantity: 5 }]);
    // Drill: Trade's £85 beats Dealer's 10 % (£90). Saw: only Dealer's 10 % applies.
    expect(mid.lines[0]).toMatchObject({ unitPriceCents: 8_500, lineTotalCents: 102_000, appliedBreak: { groupName: "Trade", scope: "product", minQuantity: 10 } });
    expect(mid.lines[1]).toMatchObject({ unitPriceCents: 3_600, lineTotalCents: 18_000, appliedBreak: { groupName: "Dealer", scope: "category", kind: "percent" } });
    expect(mid).toMatchObject({ listTotalCents: 140_000, totalCents: 120_000, discountCents: 20_000, taxExempt: true, taxExemptGroups: [{ id: dealer.id, name: "Dealer" }] });
    expect(mid.rule).toMatch(/lowest unit price/);

    // From 50, Dealer's 20 % (£80) beats Trade's £85.
    const big = await quote([{ productId: drill.id, quantity: 50 }]);
    expect(big.lines[0]).toMatchObject({ unitPriceCents: 8_000, appliedBreak: { groupName: "Dealer", minQuantity: 50 } });
  });

  test("a user in no exempt group pays tax; a break for a group the user is not in never applies", async ({ db }) => {
    const { drill } = await catalogue(db);
    const { caller: manager } = await callerAs(db, "manager");
    const other = await createGroup(db, { taxExempt: true });
    await db.insert(groupPriceBreaks).values({ groupId: other.id, productId: drill.id, minQuantity: 1, kind: "fixed", unitPriceCents: 1 });
    const u = await createUser(db);
    const res = await manager.groups.pricing({ userId: u.id, lines: [{ productId: drill.id, quantity: 3 }] });
    expect(res).toMatchObject({ taxExempt: false, taxExemptGroups: [], totalCents: 30_000, lines: [{ appliedBreak: null }] });
  });

  test("bad lines and break definitions are refused naming the field; nothing is saved", async ({ db }) => {
    const { drill, tools } = await catalogue(db);
    const { caller: admin } = await callerAs(db, "admin");
    const group = await createGroup(db);
    const u = await createUser(db);
    const unknown = await expectTRPCError(admin.groups.pricing({ userId: u.id, lines: [{ productId: drill.id, quantity: 1 }, { sku: "NOPE", quantity: 1 }] }), "BAD_REQUEST");
    expect(unknown.message).toBe('lines.1.sku: no product with SKU "NOPE"');
    const zero = await expectTRPCError(admin.groups.pricing({ userId: u.id, lines: [{ productId: drill.id, quantity: 0 }] }), "BAD_REQUEST");
    expect(zero.message).toMatch(/lines\.0\.quantity/);
    const both = await expectTRPCError(
      admin.groups.priceBreaks.create({ groupId: group.id, productId: drill.id, categoryId: tools.id, minQuantity: 1, kind: "percent", percentOffBps: 500 }),
      "BAD_REQUEST",
    );
    expect(both.message).toMatch(/productId: Choose either a product or a category/);
    const noPrice = await expectTRPCError(admin.groups.priceBreaks.create({ groupId: group.id, productId: drill.id, minQuantity: 1, kind: "fixed" }), "BAD_REQUEST");
    expect(noPrice.message).toMatch(/unitPriceCents: Enter the unit price/);
    await admin.groups.priceBreaks.create({ groupId: group.id, productId: drill.id, minQuantity: 5, kind: "percent", percentOffBps: 500 });
    const dup = await expectTRPCError(admin.groups.priceBreaks.create({ groupId: group.id, productId: drill.id, minQuantity: 5, kind: "percent", percentOffBps: 900 }), "BAD_REQUEST");
    expect(dup.message).toMatch(/^minQuantity:/);
    expect(await admin.groups.priceBreaks.list({ groupId: group.id })).toHaveLength(1);
  });
});

describe("group login messages (G5)", () => {
  test("members see active messages of their groups until they dismiss each; dismissals stick", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const group = await createGroup(db, { name: "Trade" });
    const elsewhere = await createGroup(db, { name: "Staff" });
    const member = await createUser(db);
    await addToGroup(db, group.id, [member.id]);
    const hour = 3_600_000;
    const now = Date.now();
    const { id: active } = await admin.groups.messages.create({ groupId: group.id, title: "Price list", body: "New trade prices from Monday.", startsAt: new Date(now - hour) });
    await admin.groups.messages.create({ groupId: group.id, title: "Future", body: "Not yet", startsAt: new Date(now + hour) });
    await admin.groups.messages.create({ groupId: group.id, title: "Past", body: "Over", startsAt: new Date(now - 3 * hour), endsAt: new Date(now - hour) });
    const { id: foreign } = await admin.groups.messages.create({ groupId: elsewhere.id, title: "Other group", body: "Not yours", startsAt: new Date(now - hour) });

    const me = await callerFor(db, member);
    expect((await me.groups.messages.mine()).map((m) => [m.title, m.groupName])).toEqual([["Price list", "Trade"]]);
    await me.groups.messages.dismiss({ id: active });
    await me.groups.messages.dismiss({ id: active });
    expect(await me.groups.messages.mine()).toEqual([]);
    // Another group's message cannot be reached by guessing its id.
    await expectTRPCError(me.groups.messages.dismiss({ id: foreign }), "NOT_FOUND");
    expect(await db.select().from(groupMessageDismissals).where(eq(groupMessageDismissals.userId, member.id))).toHaveLength(1);
    const listed = await admin.groups.messages.list({ groupId: group.id });
    expect(listed.map((m) => [m.title, m.state, m.dismissals])).toEqual([
      ["Future", "scheduled", 0],
      ["Price list", "active", 1],
      ["Past", "ended", 0],
    ]);
    const bad = await expectTRPCError(
      admin.groups.messages.create({ groupId: group.id, title: "x", body: "y", startsAt: new Date(now), endsAt: new Date(now - hour) }),
      "BAD_REQUEST",
    );
    expect(bad.message).toMatch(/^endsAt: The end must be after the start/);
  });
});
