import Papa from "papaparse";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, salesTargets, timelineEvents } from "@/db/schema";
import type { Database } from "@/db/client";
import { yearWindow } from "@/server/services/sales/pace";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";
import { placeOrder } from "../helpers/sales";

const line = (cents: number) => [{ sku: "T-1", name: "Pallet", quantity: 1, unitPriceCents: cents }];

async function buyer(db: Database, email: string, orders: [string, number][], extra: Partial<Parameters<typeof createUser>[1]> = {}) {
  const user = await createUser(db, { email, ...extra });
  for (const [placedAt, cents] of orders) await placeOrder(db, { customer: { email }, placedAt, lines: line(cents) });
  return user;
}

describe("sales target pace", () => {
  test("pace is the elapsed share of the year; projection extrapolates year to date", () => {
    expect(yearWindow(new Date("2026-07-02T12:00:00Z")).elapsed).toBe(0.5);
    expect(yearWindow(new Date("2026-01-01T00:00:00Z")).elapsed).toBe(0);
    expect(yearWindow(new Date("2024-07-02T00:00:00Z")).elapsed).toBe(0.5); // leap year: 183 of 366 days
    expect(yearWindow(new Date("2026-12-31T23:59:59.999Z")).elapsed).toBeCloseTo(1, 8);
  });

  test("an admin enables a target; the profile shows year to date, pace, projection and months", async ({ db }) => {
    const u = await buyer(db, "dist@targets.test", [
      ["2025-12-31T23:59:59Z", 99_999], // last year: not counted
      ["2026-01-15T10:00:00Z", 300_000],
      ["2026-03-01T00:00:00Z", 200_000],
      ["2026-07-02T11:59:59Z", 100_000], // before asOf
      ["2026-07-02T12:00:00Z", 777_777], // at asOf: not yet
    ]);
    const { caller: admin, user: adminUser } = await callerAs(db, "admin");
    expect(await admin.sales.targets.get({ userId: u.id })).toEqual({ enabled: false });
    await admin.sales.targets.update({ userId: u.id, annualTargetCents: 2_000_000 });
    const p = await admin.sales.targets.get({ userId: u.id, asOf: new Date("2026-07-02T12:00:00Z") });
    expect(p).toMatchObject({
      enabled: true,
      year: 2026,
      annualTargetCents: 2_000_000,
      ytdCents: 600_000,
      paceCents: 1_000_000,
      projectionCents: 1_200_000,
      percentOfTarget: 30,
      percentOfPace: 60,
    });
    if (!p.enabled) throw new Error("expected a target");
    expect(p.monthly).toHaveLength(12);
    expect(p.monthly[0]).toEqual({ month: "2026-01", actualCents: 300_000, targetCents: Math.round((2_000_000 * 31) / 365), cumulativeActualCents: 300_000, cumulativeTargetCents: Math.round((2_000_000 * 31) / 365) });
    expect(p.monthly[11]?.cumulativeTargetCents).toBe(2_000_000);
    expect(p.monthly[6]?.actualCents).toBe(100_000);

    const events = await db.select().from(timelineEvents).where(eq(timelineEvents.userId, u.id));
    expect(events.map((e) => e.summary)).toContain("Sales target enabled: GBP 20,000.00 a year");
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "salesTarget.enable"));
    expect(audit).toMatchObject({ actorId: adminUser.id, targetId: String(u.id), after: { annualTargetCents: 2_000_000 } });

    await admin.sales.targets.delete({ userId: u.id });
    expect(await admin.sales.targets.get({ userId: u.id })).toEqual({ enabled: false });
  });

  test("managers read targets but cannot set them; customers read nothing; bad amounts are refused", async ({ db }) => {
    const u = await buyer(db, "m@targets.test", []);
    const { caller: admin } = await callerAs(db, "admin");
    const { caller: manager } = await callerAs(db, "manager");
    const { caller: customer } = await callerAs(db, "customer");
    await expectTRPCError(manager.sales.targets.update({ userId: u.id, annualTargetCents: 100 }), "FORBIDDEN");
    await expectTRPCError(manager.sales.targets.delete({ userId: u.id }), "FORBIDDEN");
    await expectTRPCError(customer.sales.targets.get({ userId: u.id }), "FORBIDDEN");
    await expectTRPCError(customer.sales.targets.report({}), "FORBIDDEN");
    await expectTRPCError(customer.sales.targets.export({}), "FORBIDDEN");
    await expectTRPCError(anonymousCaller(db).sales.targets.report({}), "UNAUTHORIZED");
    const bad = await expectTRPCError(admin.sales.targets.update({ userId: u.id, annualTargetCents: 0 }), "BAD_REQUEST");
    expect(bad.message).toMatch(/^annualTargetCents: /);
    await expectTRPCError(admin.sales.targets.update({ userId: u.id, annualTargetCents: 12.5 }), "BAD_REQUEST");
    await expectTRPCError(admin.sales.targets.update({ userId: 987654321, annualTargetCents: 100 }), "NOT_FOUND");
    expect(await db.select().from(salesTargets)).toEqual([]);
    expect((await manager.sales.targets.report({})).total).toBe(0);
  });
});

describe("sales targets report (R3)", () => {
  async function store(db: Database) {
    const { caller: admin } = await callerAs(db, "admin");
    const asOf = new Date("2026-07-02T12:00:00Z"); // pace = half the target
    const people = [
      { email: "ahead@t.test", lastName: "Ahead", orders: [["2026-02-01T00:00:00Z", 800_000]] as [string, number][], target: 1_000_000 },
      { email: "onpace@t.test", lastName: "Onpace", orders: [["2026-03-01T00:00:00Z", 500_000]] as [string, number][], target: 1_000_000 },
      { email: "behind@t.test", lastName: "Behind", orders: [["2026-04-01T00:00:00Z", 100_000]] as [string, number][], target: 1_000_000 },
      { email: "none@t.test", lastName: "Nothing", orders: [] as [string, number][], target: 2_000_000 },
    ];
    for (const p of people) {
      const u = await buyer(db, p.email, p.orders, { lastName: p.lastName, firstName: "Pat" });
      await admin.sales.targets.update({ userId: u.id, annualTargetCents: p.target });
    }
    await buyer(db, "notarget@t.test", [["2026-02-01T00:00:00Z", 5_000_000]]);
    const { caller } = await callerAs(db, "manager");
    return { caller, asOf };
  }

  test("lists every user with a target, sorted by % of target, with standing against pace", async ({ db }) => {
    const { caller, asOf } = await store(db);
    const r = await caller.sales.targets.report({ asOf });
    expect(r.total).toBe(4);
    expect(r.items.map((i) => [i.email, i.percentOfTarget, i.standing, i.paceCents])).toEqual([
      ["ahead@t.test", 80, "ahead", 500_000],
      ["onpace@t.test", 50, "onPace", 500_000],
      ["behind@t.test", 10, "behind", 500_000],
      ["none@t.test", 0, "behind", 1_000_000],
    ]);
    expect(r.items[0]).toMatchObject({ ytdCents: 800_000, projectionCents: 1_600_000 });
    const asc = await caller.sales.targets.report({ asOf, dir: "asc" });
    expect(asc.items.map((i) => i.email)).toEqual(["none@t.test", "behind@t.test", "onpace@t.test", "ahead@t.test"]);
  });

  test("filters by standing and search, and pages with a keyset cursor without repeats", async ({ db }) => {
    const { caller, asOf } = await store(db);
    const behind = await caller.sales.targets.report({ asOf, standing: ["behind"] });
    expect(behind.items.map((i) => i.email)).toEqual(["behind@t.test", "none@t.test"]);
    expect((await caller.sales.targets.report({ asOf, q: "ONPACE" })).items.map((i) => i.email)).toEqual(["onpace@t.test"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.sales.targets.report>> = await caller.sales.targets.report({ asOf, sort: "name", dir: "asc", limit: 1, cursor });
      seen.push(...page.items.map((i) => i.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["ahead@t.test", "behind@t.test", "none@t.test", "onpace@t.test"]);
    await expectTRPCError(caller.sales.targets.report({ asOf, sort: "ytd", cursor: "bogus" }), "BAD_REQUEST");
  });

  test("the CSV export has the table's rows in the table's order", async ({ db }) => {
    const { caller, asOf } = await store(db);
    const input = { asOf, standing: ["behind" as const, "onPace" as const] };
    const table = await caller.sales.targets.report(input);
    const { filename, csv } = await caller.sales.targets.export(input);
    expect(filename).toBe("sales-targets-2026.csv");
    const parsed = Papa.parse<string[]>(csv.trim());
    expect(parsed.data[0]).toEqual(["Name", "Email", "Company", "Level", "Annual target (GBP)", "Year to date (GBP)", "Pace (GBP)", "Projection (GBP)", "% of target", "Standing"]);
    expect(parsed.data.slice(1).map((r) => [r[1], r[5], r[8], r[9]])).toEqual(
      table.items.map((i) => [i.email, (i.ytdCents / 100).toFixed(2), i.percentOfTarget.toFixed(1), i.standing === "onPace" ? "On pace" : "Behind"]),
    );
    expect(parsed.data).toHaveLength(1 + 3);
  });
});
