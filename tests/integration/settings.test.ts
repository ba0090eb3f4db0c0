import { asc, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, customerLevels, settings, timelineEvents, users } from "@/db/schema";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";
import type { Database } from "@/db/client";

async function levelNames(db: Database) {
  const rows = await db.select().from(customerLevels).orderBy(asc(customerLevels.position));
  return rows.map((r) => `${r.position}:${r.name}`);
}

describe("settings.get", () => {
  test("any staff member reads settings with levels and fields in order; others are refused", async ({ db }) => {
    await expectTRPCError(anonymousCaller(db).settings.get(), "UNAUTHORIZED");
    await expectTRPCError((await callerAs(db, "customer")).caller.settings.get(), "FORBIDDEN");
    const { caller: owner } = await callerAs(db, "owner");
    await owner.settings.levels.create({ name: "Retail" });
    await owner.settings.levels.create({ name: "Trade" });
    await owner.settings.customFields.create({ key: "vat_number", label: "VAT number", type: "text" });
    await owner.settings.customFields.create({ key: "region", label: "Region", type: "select", options: ["North", "South"] });
    const view = await (await callerAs(db, "manager")).caller.settings.get();
    expect(view).toMatchObject({ currency: "GBP", passwordExpiryMonths: 15, inviteExpiryDays: 14 });
    expect(view.levels.map((l) => l.name)).toEqual(["Retail", "Trade"]);
    expect(view.customFields.map((f) => f.key)).toEqual(["vat_number", "region"]);
  });
});

describe("settings.update", () => {
  test("only the owner may change settings", async ({ db }) => {
    await expectTRPCError(anonymousCaller(db).settings.update({ currency: "USD" }), "UNAUTHORIZED");
    for (const role of ["admin", "manager", "customer"] as const) {
      await expectTRPCError((await callerAs(db, role)).caller.settings.update({ currency: "USD" }), "FORBIDDEN");
    }
    const [row] = await db.select().from(settings);
    expect(row?.currency).toBe("GBP");
  });

  test("the owner's change is saved and audited with before and after of what changed", async ({ db }) => {
    const { caller, user } = await callerAs(db, "owner");
    const saved = await caller.settings.update({
      currency: "EUR",
      doubleOptIn: true,
      passwordExpiryMonths: 15,
      emailFromAddress: " Shop@Example.TEST ",
    });
    expect(saved).toMatchObject({ currency: "EUR", doubleOptIn: true, emailFromAddress: "shop@example.test" });
    expect((await caller.settings.get()).currency).toBe("EUR");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "settings.update"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: user.id,
      targetType: "settings",
      before: { currency: "GBP", doubleOptIn: false, emailFromAddress: "no-reply@example.com" },
      after: { currency: "EUR", doubleOptIn: true, emailFromAddress: "shop@example.test" },
    });
  });

  test("bad input names the field and changes nothing", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const cases = [
      [{ passwordExpiryMonths: 0 }, "passwordExpiryMonths"],
      [{ inviteExpiryDays: 9999 }, "inviteExpiryDays"],
      [{ emailFromAddress: "not an address" }, "emailFromAddress"],
      [{ currency: "XYZ" }, "currency"],
      [{ emailFromName: "   " }, "emailFromName"],
    ] as const;
    for (const [input, field] of cases) {
      const err = await expectTRPCError(caller.settings.update({ currency: "USD", ...input } as never), "BAD_REQUEST");
      expect(err.message).toContain(field);
    }
    const [row] = await db.select().from(settings);
    expect(row?.currency).toBe("GBP");
    expect(await db.select().from(auditEvents)).toHaveLength(0);
  });

  test("saving unchanged values writes no audit row", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    await caller.settings.update({ currency: "GBP", inviteExpiryDays: 14 });
    expect(await db.select().from(auditEvents)).toHaveLength(0);
  });
});

describe("customer levels", () => {
  test("every level procedure is the owner's alone", async ({ db }) => {
    const { caller: owner } = await callerAs(db, "owner");
    const level = await owner.settings.levels.create({ name: "Gold" });
    const { caller: admin } = await callerAs(db, "admin");
    const { caller: manager } = await callerAs(db, "manager");
    for (const c of [admin, manager]) {
      await expectTRPCError(c.settings.levels.create({ name: "X" }), "FORBIDDEN");
      await expectTRPCError(c.settings.levels.rename({ id: level.id, name: "X" }), "FORBIDDEN");
      await expectTRPCError(c.settings.levels.reorder({ ids: [level.id] }), "FORBIDDEN");
      await expectTRPCError(c.settings.levels.usage({ id: level.id }), "FORBIDDEN");
      await expectTRPCError(c.settings.levels.delete({ id: level.id }), "FORBIDDEN");
    }
    await expectTRPCError(anonymousCaller(db).settings.levels.delete({ id: level.id }), "UNAUTHORIZED");
    expect(await levelNames(db)).toEqual(["1:Gold"]);
  });

  test("create appends, rename refuses a duplicate name, and both are audited", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const retail = await caller.settings.levels.create({ name: "Retail" });
    const trade = await caller.settings.levels.create({ name: "  Trade " });
    expect(trade).toMatchObject({ name: "Trade", position: 2 });
    const dup = await expectTRPCError(caller.settings.levels.create({ name: "retail" }), "BAD_REQUEST");
    expect(dup.message).toMatch(/^name: /);
    await expectTRPCError(caller.settings.levels.rename({ id: trade.id, name: "RETAIL" }), "BAD_REQUEST");
    await expectTRPCError(caller.settings.levels.create({ name: "" }), "BAD_REQUEST");
    await caller.settings.levels.rename({ id: retail.id, name: "Retail plus" });
    expect(await levelNames(db)).toEqual(["1:Retail plus", "2:Trade"]);
    await expectTRPCError(caller.settings.levels.rename({ id: 999_999, name: "Ghost" }), "NOT_FOUND");
    const actions = (await db.select().from(auditEvents)).map((a) => a.action).sort();
    expect(actions).toEqual(["level.create", "level.create", "level.rename"]);
  });

  test("reorder takes the full list and refuses a stale or partial one", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const a = await caller.settings.levels.create({ name: "Retail" });
    const b = await caller.settings.levels.create({ name: "Trade" });
    const c = await caller.settings.levels.create({ name: "Gold" });
    const saved = await caller.settings.levels.reorder({ ids: [c.id, a.id, b.id] });
    expect(saved.map((l) => l.name)).toEqual(["Gold", "Retail", "Trade"]);
    for (const ids of [[c.id, a.id], [c.id, a.id, b.id, b.id], [c.id, a.id, 999_999]]) {
      const err = await expectTRPCError(caller.settings.levels.reorder({ ids }), "BAD_REQUEST");
      expect(err.message).toMatch(/^ids: /);
    }
    expect(await levelNames(db)).toEqual(["1:Gold", "2:Retail", "3:Trade"]);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "level.reorder"));
    expect(audit?.after).toEqual({ order: ["Gold", "Retail", "Trade"] });
  });

  test("delete states how many users held the level, leaves them with none, and logs it on their timelines", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const retail = await caller.settings.levels.create({ name: "Retail" });
    const gold = await caller.settings.levels.create({ name: "Gold" });
    const trade = await caller.settings.levels.create({ name: "Trade" });
    const holders = [await createUser(db, { levelId: gold.id }), await createUser(db, { levelId: gold.id })];
    const other = await createUser(db, { levelId: retail.id });
    expect(await caller.settings.levels.usage({ id: gold.id })).toEqual({ users: 2 });

    expect(await caller.settings.levels.delete({ id: gold.id })).toEqual({ usersCleared: 2 });
    expect(await levelNames(db)).toEqual(["1:Retail", "2:Trade"]);
    for (const h of holders) {
      const [u] = await db.select().from(users).where(eq(users.id, h.id));
      expect(u).toMatchObject({ levelId: null, version: h.version + 1 });
      const events = await db.select().from(timelineEvents).where(eq(timelineEvents.userId, h.id));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: "level", data: { changes: [{ field: "level", before: "Gold", after: null }] } });
    }
    const [o] = await db.select().from(users).where(eq(users.id, other.id));
    expect(o?.levelId).toBe(retail.id);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "level.delete"));
    expect(audit).toMatchObject({ targetId: String(gold.id), before: { name: "Gold", heldBy: 2 }, after: null });
    await expectTRPCError(caller.settings.levels.delete({ id: gold.id }), "NOT_FOUND");
    void trade;
  });
});
