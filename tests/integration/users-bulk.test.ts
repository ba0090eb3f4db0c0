import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, customerLevels, sessions, timelineEvents, users } from "@/db/schema";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createSession, createUser } from "../helpers/factories";

describe("bulk actions", () => {
  test("preview counts who will change; apply changes exactly them in one go and logs each", async ({ db }) => {
    const a = await createUser(db, { company: "Bulk Co", status: "pending" });
    const b = await createUser(db, { company: "Bulk Co", status: "pending" });
    const c = await createUser(db, { company: "Bulk Co", status: "suspended" });
    await createUser(db, { company: "Elsewhere", status: "pending" });
    const s = await createSession(db, a.id);
    const { caller } = await callerAs(db, "admin");
    const input = { target: { kind: "filter" as const, filter: { q: "bulk co" } }, action: { type: "setStatus" as const, status: "suspended" as const } };
    const preview = await caller.users.bulk.preview(input);
    expect(preview).toMatchObject({ matched: 3, willChange: 2 });
    expect(preview.notes.join(" ")).toMatch(/1 already have this value/);
    await expect(caller.users.bulk.execute({ ...input, expectedCount: 2 })).resolves.toEqual({ changed: 2 });
    const rows = await db.select().from(users).where(inArray(users.id, [a.id, b.id, c.id]));
    expect(rows.every((r) => r.status === "suspended")).toBe(true);
    const events = await db.select().from(timelineEvents).where(and(inArray(timelineEvents.userId, [a.id, b.id, c.id]), eq(timelineEvents.kind, "status")));
    expect(events.map((e) => e.userId).sort()).toEqual([a.id, b.id].sort());
    expect(events[0]?.summary).toBe("Status: pending → suspended (bulk)");
    const [session] = await db.select().from(sessions).where(eq(sessions.id, s.id));
    expect(session?.revokedAt).not.toBeNull();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "users.bulk.setStatus"));
    expect(audit[0]?.after).toMatchObject({ changed: 2 });
  });

  test("a selection of ids sets the level; the confirmed count must still hold", async ({ db }) => {
    const [gold] = await db.insert(customerLevels).values({ name: "Gold", position: 1 }).returning();
    const a = await createUser(db);
    const b = await createUser(db);
    const { caller } = await callerAs(db, "admin");
    const input = { target: { kind: "ids" as const, ids: [a.id, b.id] }, action: { type: "setLevel" as const, levelId: gold!.id } };
    expect((await caller.users.bulk.preview(input)).willChange).toBe(2);
    // Someone changed one of them meanwhile: the confirmed number no longer holds.
    await db.update(users).set({ levelId: gold!.id }).where(eq(users.id, a.id));
    await expect(caller.users.bulk.execute({ ...input, expectedCount: 2 })).rejects.toThrow(/1 would change now, not 2/);
    expect((await db.select().from(users).where(eq(users.id, b.id)))[0]?.levelId).toBeNull();
    await expect(caller.users.bulk.execute({ ...input, expectedCount: 1 })).resolves.toEqual({ changed: 1 });
    await expect(caller.users.bulk.preview({ ...input, action: { type: "setLevel", levelId: 999_999 } })).rejects.toThrow(/action\.levelId/);
  });

  test("a failure midway changes nothing", async ({ db }) => {
    const a = await createUser(db, { company: "Atomic" });
    const b = await createUser(db, { company: "Atomic" });
    // Make the timeline insert fail for the second user, after the first row's update.
    await db.execute(sql.raw(`
      CREATE FUNCTION fail_for_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.user_id = ${b.id} THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$`));
    await db.execute(
      sql.raw(`CREATE TRIGGER fail_for_user BEFORE INSERT ON timeline_events FOR EACH ROW EXECUTE FUNCTION fail_for_user()`),
    );
    const { caller } = await callerAs(db, "admin");
    const input = { target: { kind: "ids" as const, ids: [a.id, b.id] }, action: { type: "setStatus" as const, status: "rejected" as const } };
    await expect(caller.users.bulk.execute({ ...input, expectedCount: 2 })).rejects.toThrow();
    const rows = await db.select().from(users).where(inArray(users.id, [a.id, b.id]));
    expect(rows.map((r) => r.status)).toEqual(["approved", "approved"]);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "users.bulk.setStatus"))).toEqual([]);
  });

  test("bulk never touches the actor's own account, and admins skip owner and admin accounts", async ({ db }) => {
    const { caller, user: me } = await callerAs(db, "admin");
    const owner = await createUser(db, { role: "owner" });
    const customer = await createUser(db);
    const input = { target: { kind: "ids" as const, ids: [me.id, owner.id, customer.id] }, action: { type: "setStatus" as const, status: "suspended" as const } };
    const preview = await caller.users.bulk.preview(input);
    expect(preview).toMatchObject({ matched: 3, willChange: 1 });
    expect(preview.notes[0]).toMatch(/2 account\(s\) skipped/);
    await caller.users.bulk.execute({ ...input, expectedCount: 1 });
    const statuses = await db.select({ id: users.id, status: users.status }).from(users).where(inArray(users.id, [me.id, owner.id, customer.id]));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [me.id]: "approved", [owner.id]: "approved", [customer.id]: "suspended" });
  });

  test("bulk delete anonymises users with orders and deletes the rest", async ({ db }) => {
    const buyer = await createUser(db, { company: "Gone", orderCount: 1, totalSpendCents: 100 });
    const browser = await createUser(db, { company: "Gone" });
    const { caller } = await callerAs(db, "admin");
    const input = { target: { kind: "filter" as const, filter: { q: "gone" } }, action: { type: "delete" as const, mode: "delete" as const } };
    const preview = await caller.users.bulk.preview(input);
    expect(preview.willChange).toBe(2);
    expect(preview.notes.join(" ")).toMatch(/1 have orders: they will be anonymised instead/);
    await expect(caller.users.bulk.execute({ ...input, expectedCount: 2 })).resolves.toEqual({ changed: 2 });
    const left = await db.select().from(users).where(inArray(users.id, [buyer.id, browser.id]));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ id: buyer.id, orderCount: 1, company: null });
    expect(left[0]?.anonymisedAt).not.toBeNull();
  });
});
