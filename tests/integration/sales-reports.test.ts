import { describe, expect } from "vitest";
import type { Database } from "@/db/client";
import { salesSummary } from "@/server/services/sales/summary";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { expectTRPCError } from "../helpers/trpc-errors";
import { placeOrder, serviceCtx } from "../helpers/sales";

const P1 = { sku: "R-P1", name: "Drill", category: "Tools", tags: ["Eco", "New"], unitPriceCents: 1000 };
const P2 = { sku: "R-P2", name: "Screws", category: "Tools", tags: ["Eco"], unitPriceCents: 500 };
const P3 = { sku: "R-P3", name: "Seeds", category: "Garden", unitPriceCents: 300 };

/** Hand-made store: A buys around the January/February edge, B once in February. */
async function fixture(db: Database) {
  const a = "a@report.test";
  const b = "b@report.test";
  await placeOrder(db, { email: a, placedAt: "2026-01-31T23:30:00Z", lines: [{ ...P1, quantity: 2 }] });
  await placeOrder(db, { email: a, placedAt: "2026-02-01T00:00:00Z", lines: [{ ...P2, quantity: 1 }, { ...P3, quantity: 1 }] });
  await placeOrder(db, { email: a, placedAt: "2026-02-15T12:00:00Z", status: "cancelled", lines: [{ ...P3, quantity: 10 }] });
  await placeOrder(db, { email: a, placedAt: "2026-02-28T23:59:59Z", lines: [{ ...P1, quantity: 1 }] });
  const bOrder = await placeOrder(db, { email: b, placedAt: "2026-02-10T10:00:00Z", lines: [{ ...P2, quantity: 4 }] });
  const { caller } = await callerAs(db, "manager");
  const list = await caller.users.list({ filter: { q: "a@report.test" } });
  return { caller, userA: list.items[0]!.id, bOrder };
}

describe("sales report (R1)", () => {
  test("a user's month: revenue, orders, average and top sellers, cancelled orders excluded", async ({ db }) => {
    const { caller, userA } = await fixture(db);
    const r = await caller.sales.report({ userId: userA, from: "2026-02-01", to: "2026-02-28", granularity: "month" });
    expect(r.currency).toBe("GBP");
    expect(r.totals).toEqual({ revenueCents: 1800, orderCount: 2, averageOrderCents: 900 });
    expect(r.series).toEqual([{ period: "2026-02-01", revenueCents: 1800, orderCount: 2 }]);
    expect(r.topProducts.map((p) => [p.sku, p.revenueCents, p.quantity])).toEqual([["R-P1", 1000, 1], ["R-P2", 500, 1], ["R-P3", 300, 1]]);
    expect(r.topCategories.map((c) => [c.name, c.revenueCents])).toEqual([["Tools", 1500], ["Garden", 300]]);
    expect(r.topTags.map((t) => [t.name, t.revenueCents])).toEqual([["Eco", 1500], ["New", 1000]]);
  });

  test("range edges and time zones: dates are whole calendar days in the chosen zone", async ({ db }) => {
    const { caller, userA } = await fixture(db);
    const feb = { userId: userA, from: "2026-02-01", to: "2026-02-28", granularity: "month" as const };
    // New York (UTC−5): 31 Jan 18:30 and 19:00 local are January; 28 Feb 18:59 local is in.
    expect((await caller.sales.report({ ...feb, timeZone: "America/New_York" })).totals).toMatchObject({ revenueCents: 1000, orderCount: 1 });
    // Tokyo (UTC+9): both 1 Feb orders are in, 28 Feb 23:59:59Z is 1 March there.
    expect((await caller.sales.report({ ...feb, timeZone: "Asia/Tokyo" })).totals).toMatchObject({ revenueCents: 2800, orderCount: 2 });
    const days = await caller.sales.report({ userId: userA, from: "2026-01-31", to: "2026-02-01", granularity: "day" });
    expect(days.series).toEqual([
      { period: "2026-01-31", revenueCents: 2000, orderCount: 1 },
      { period: "2026-02-01", revenueCents: 800, orderCount: 1 },
    ]);
    const weeks = await caller.sales.report({ ...feb, granularity: "week" });
    expect(weeks.series.map((s) => [s.period, s.revenueCents])).toEqual([
      ["2026-01-26", 800],
      ["2026-02-02", 0],
      ["2026-02-09", 0],
      ["2026-02-16", 0],
      ["2026-02-23", 1000],
    ]);
  });

  test("unfiltered report covers every customer", async ({ db }) => {
    const { caller } = await fixture(db);
    const r = await caller.sales.report({ from: "2026-02-01", to: "2026-02-28" });
    expect(r.totals).toEqual({ revenueCents: 3800, orderCount: 3, averageOrderCents: 1267 });
    expect(r.topProducts[0]).toMatchObject({ sku: "R-P2", revenueCents: 2500, quantity: 5 });
  });

  test("bad ranges are refused naming the field", async ({ db }) => {
    const { caller } = await fixture(db);
    expect((await expectTRPCError(caller.sales.report({ from: "2026-03-01", to: "2026-02-01" }), "BAD_REQUEST")).message).toMatch(/^to: /);
    expect((await expectTRPCError(caller.sales.report({ from: "2026-02-30", to: "2026-03-01" }), "BAD_REQUEST")).message).toMatch(/^from: /);
    expect((await expectTRPCError(caller.sales.report({ from: "2026-01-01", to: "2026-02-01", timeZone: "Mars/Olympus" }), "BAD_REQUEST")).message).toMatch(/^timeZone: /);
    expect((await expectTRPCError(caller.sales.report({ from: "2020-01-01", to: "2026-01-01", granularity: "day" }), "BAD_REQUEST")).message).toMatch(/^granularity: /);
  });

  test("staff read reports and summaries; customers and anonymous callers are refused", async ({ db }) => {
    const { userA } = await fixture(db);
    const { caller: customer } = await callerAs(db, "customer");
    await expectTRPCError(customer.sales.report({ from: "2026-02-01", to: "2026-02-28" }), "FORBIDDEN");
    await expectTRPCError(customer.sales.summary({ userId: userA }), "FORBIDDEN");
    await expectTRPCError(anonymousCaller(db).sales.summary({ userId: userA }), "UNAUTHORIZED");
    for (const role of ["admin", "owner"] as const) {
      const { caller } = await callerAs(db, role);
      expect((await caller.sales.summary({ userId: userA })).orderCount).toBe(3);
    }
  });
});

describe("sales summary (R2)", () => {
  test("top products, categories and tags, spend trend, first and last order", async ({ db }) => {
    const { caller, userA } = await fixture(db);
    const s = await salesSummary({ ctx: serviceCtx(db), input: { userId: userA, now: new Date("2026-03-10T00:00:00Z") } });
    expect(s).toMatchObject({ currency: "GBP", orderCount: 3, totalSpendCents: 3800, averageOrderCents: 1267 });
    expect(s.firstOrderAt?.toISOString()).toBe("2026-01-31T23:30:00.000Z");
    expect(s.lastOrderAt?.toISOString()).toBe("2026-02-28T23:59:59.000Z");
    expect(s.trend).toHaveLength(24);
    expect(s.trend[0]?.month).toBe("2024-04");
    expect(s.trend.slice(-3)).toEqual([
      { month: "2026-01", revenueCents: 2000, orderCount: 1 },
      { month: "2026-02", revenueCents: 1800, orderCount: 2 },
      { month: "2026-03", revenueCents: 0, orderCount: 0 },
    ]);
    expect(s.topProducts.map((p) => [p.sku, p.revenueCents, p.quantity])).toEqual([["R-P1", 3000, 3], ["R-P2", 500, 1], ["R-P3", 300, 1]]);
    expect(s.topCategories.map((c) => [c.name, c.revenueCents])).toEqual([["Tools", 3500], ["Garden", 300]]);
    expect(s.topTags.map((t) => [t.name, t.revenueCents])).toEqual([["Eco", 3500], ["New", 3000]]);
    await expectTRPCError(caller.sales.summary({ userId: 987654321 }), "NOT_FOUND");
  });
});

describe("reports by group and by smart type (R1)", () => {
  test("scope the orders to the group's members or the smart type's users, never counting a user twice", async ({ db }) => {
    await fixture(db);
    const { caller } = await callerAs(db, "owner");
    const group = await caller.groups.create({ name: "Report buyers" });
    const [b] = (await caller.users.list({ filter: { q: "b@report.test" } })).items;
    await caller.groups.members.add({ groupId: group.id, userIds: [b!.id] });
    const range = { from: "2026-01-01", to: "2026-03-31", granularity: "month" as const };
    const all = await caller.sales.report(range);
    const byGroup = await caller.sales.report({ ...range, groupId: group.id });
    const byUser = await caller.sales.report({ ...range, userId: b!.id });
    expect(byGroup.totals).toEqual(byUser.totals);
    expect(byGroup.totals.orderCount).toBeLessThan(all.totals.orderCount);

    const type = await caller.groups.smartTypes.create({ name: "Report type", groupIds: [group.id] });
    const byType = await caller.sales.report({ ...range, smartTypeId: type.id });
    expect(byType.totals).toEqual(byUser.totals);
    await expect(caller.sales.report({ ...range, userId: b!.id, groupId: group.id })).rejects.toThrow(/groupId/);
  });
});
