import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, timelineEvents, users } from "@/db/schema";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";
import { placeOrder, placeQuote } from "../helpers/sales";

describe("orders and quotes on the user record (U8)", () => {
  test("orders page newest first with their lines, and the cursor walks every order once", async ({ db }) => {
    for (let i = 0; i < 5; i++) {
      await placeOrder(db, {
        externalId: `REC-${i}`,
        email: "rec@example.test",
        // Two orders share a timestamp: the id breaks the tie so paging neither skips nor repeats.
        placedAt: new Date(Date.UTC(2026, 1, 1 + Math.min(i, 3))).toISOString(),
        lines: [{ sku: "A", name: "Alpha", quantity: i + 1, unitPriceCents: 100 }, { sku: "B", name: "Beta", quantity: 1, unitPriceCents: 5 }],
      });
    }
    const [u] = await db.select().from(users).where(eq(users.email, "rec@example.test"));
    const { caller } = await callerAs(db, "manager");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.sales.orders.list>> = await caller.sales.orders.list({ userId: u!.id, limit: 2, cursor });
      seen.push(...page.items.map((o) => o.externalId ?? ""));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["REC-4", "REC-3", "REC-2", "REC-1", "REC-0"]);
    const first = await caller.sales.orders.list({ userId: u!.id, limit: 1 });
    expect(first.items[0]).toMatchObject({ externalId: "REC-4", totalCents: 505, status: "paid" });
    expect(first.items[0]?.lines).toEqual([
      { sku: "A", name: "Alpha", quantity: 5, unitPriceCents: 100, lineTotalCents: 500 },
      { sku: "B", name: "Beta", quantity: 1, unitPriceCents: 5, lineTotalCents: 5 },
    ]);
    await expectTRPCError(caller.sales.orders.list({ userId: u!.id, cursor: "nope" }), "BAD_REQUEST");
  });

  test("quotes list with expiry and lines; customers and anonymous callers are refused", async ({ db }) => {
    await placeQuote(db, { externalId: "QR-1", customer: { email: "q@example.test" }, quotedAt: "2026-02-01T00:00:00Z", expiresAt: "2026-03-01T00:00:00Z", lines: [{ sku: "A", name: "Alpha", quantity: 3, unitPriceCents: 100 }] });
    const [u] = await db.select().from(users).where(eq(users.email, "q@example.test"));
    const { caller } = await callerAs(db, "manager");
    const quotes = await caller.sales.quotes.list({ userId: u!.id });
    expect(quotes.items).toHaveLength(1);
    expect(quotes.items[0]).toMatchObject({ externalId: "QR-1", status: "sent", totalCents: 300, expiresAt: new Date("2026-03-01T00:00:00Z") });
    const { caller: customer } = await callerAs(db, "customer");
    await expectTRPCError(customer.sales.quotes.list({ userId: u!.id }), "FORBIDDEN");
    await expectTRPCError(customer.sales.orders.list({ userId: u!.id }), "FORBIDDEN");
    await expectTRPCError(anonymousCaller(db).sales.orders.list({ userId: u!.id }), "UNAUTHORIZED");
  });
});

describe("prospect stage from the record (U11)", () => {
  test("admins move a prospect; the timeline and audit log keep the history", async ({ db }) => {
    const p = await createUser(db, { source: "prospect", prospectStage: "new" });
    const { caller, user: admin } = await callerAs(db, "admin");
    expect(await caller.sales.prospects.setStage({ userId: p.id, stage: "qualified" })).toEqual({ result: "updated" });
    expect(await caller.sales.prospects.setStage({ userId: p.id, stage: "qualified" })).toEqual({ result: "unchanged" });
    const [after] = await db.select().from(users).where(eq(users.id, p.id));
    expect(after).toMatchObject({ prospectStage: "qualified", version: 2 });
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, p.id), eq(timelineEvents.kind, "prospect")));
    expect(events.map((e) => [e.summary, e.actorId])).toEqual([["Prospect stage: new → qualified", admin.id]]);
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.prospectStage"));
    expect(audits).toHaveLength(1);
  });

  test("managers and customers are refused; non-prospects and bad stages are refused naming the field", async ({ db }) => {
    const p = await createUser(db, { source: "prospect", prospectStage: "new" });
    const buyer = await createUser(db, { source: "ecommerce" });
    for (const role of ["manager", "customer"] as const) {
      const { caller } = await callerAs(db, role);
      await expectTRPCError(caller.sales.prospects.setStage({ userId: p.id, stage: "won" }), "FORBIDDEN");
    }
    const { caller } = await callerAs(db, "admin");
    expect((await expectTRPCError(caller.sales.prospects.setStage({ userId: buyer.id, stage: "won" }), "BAD_REQUEST")).message).toMatch(/^stage: /);
    expect((await expectTRPCError(caller.sales.prospects.setStage({ userId: p.id, stage: "maybe" as "won" }), "BAD_REQUEST")).message).toMatch(/^stage: /);
    await expectTRPCError(caller.sales.prospects.setStage({ userId: 987654321, stage: "won" }), "NOT_FOUND");
    const [still] = await db.select().from(users).where(eq(users.id, p.id));
    expect(still?.prospectStage).toBe("new");
  });
});
