import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, customFieldDefinitions, sessions, timelineEvents, users } from "@/db/schema";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createSession, createUser } from "../helpers/factories";

const code = (c: string) => (e: unknown) => e instanceof TRPCError && e.code === c;

describe("user record", () => {
  test("writes are refused for anonymous callers, customers and managers", async ({ db }) => {
    const target = await createUser(db);
    const { caller: manager } = await callerAs(db, "manager");
    const { caller: customer } = await callerAs(db, "customer");
    const anon = anonymousCaller(db);
    const attempts = (c: typeof manager) => [
      c.users.create({ email: "x@example.test" }),
      c.users.update({ id: target.id, version: target.version, patch: { firstName: "X" } }),
      c.users.setStatus({ id: target.id, status: "suspended" }),
      c.users.delete({ id: target.id, mode: "anonymise" }),
      c.users.bulk.preview({ target: { kind: "ids", ids: [target.id] }, action: { type: "setStatus", status: "suspended" } }),
      c.users.bulk.execute({ target: { kind: "ids", ids: [target.id] }, action: { type: "setStatus", status: "suspended" }, expectedCount: 1 }),
    ];
    for (const p of attempts(manager)) await expect(p).rejects.toSatisfy(code("FORBIDDEN"));
    for (const p of attempts(customer)) await expect(p).rejects.toSatisfy(code("FORBIDDEN"));
    for (const p of attempts(anon)) await expect(p).rejects.toSatisfy(code("UNAUTHORIZED"));
    const [after] = await db.select().from(users).where(eq(users.id, target.id));
    expect(after).toMatchObject({ firstName: target.firstName, status: "approved", version: 1 });
  });

  test("create validates, refuses a duplicate email whatever its case, and records the creation", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const { id } = await caller.users.create({ email: "New.Person@Example.test", firstName: "New", lastName: "Person", company: "" });
    const record = await caller.users.get({ id });
    expect(record).toMatchObject({ email: "new.person@example.test", firstName: "New", company: null, source: "manual", version: 1 });
    await expect(caller.users.create({ email: "NEW.person@example.test" })).rejects.toThrow(/email: is already used/);
    await expect(caller.users.create({ email: "not-an-email" })).rejects.toThrow(/email/);
    const events = await db.select().from(timelineEvents).where(eq(timelineEvents.userId, id));
    expect(events.map((e) => e.kind)).toEqual(["created"]);
  });

  test("edit records each field change before → after on the timeline and in the audit log", async ({ db }) => {
    const target = await createUser(db, { firstName: "Ann", phone: null });
    const { caller, user: admin } = await callerAs(db, "admin");
    const updated = await caller.users.update({ id: target.id, version: 1, patch: { firstName: "Anne", phone: "+44 1", lastName: target.lastName } });
    expect(updated).toMatchObject({ firstName: "Anne", phone: "+44 1", version: 2 });
    const [event] = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, target.id), eq(timelineEvents.kind, "updated")));
    expect(event?.summary).toBe("Changed first name, phone");
    expect(event?.actorId).toBe(admin.id);
    expect(event?.data).toMatchObject({ changes: [{ field: "firstName", before: "Ann", after: "Anne" }, { field: "phone", before: null, after: "+44 1" }] });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.update"));
    expect(audit).toMatchObject({ actorId: admin.id, targetId: String(target.id), before: { firstName: "Ann", phone: null }, after: { firstName: "Anne" } });
  });

  test("a stale save is refused, says who changed what, and changes nothing", async ({ db }) => {
    const target = await createUser(db, { firstName: "Ann" });
    const { caller: first } = await callerAs(db, "admin");
    const { caller: second } = await callerAs(db, "owner");
    await first.users.update({ id: target.id, version: 1, patch: { firstName: "Anne" } });
    const stale = second.users.update({ id: target.id, version: 1, patch: { firstName: "Annie", company: "Other" } });
    await expect(stale).rejects.toSatisfy(code("CONFLICT"));
    await expect(second.users.update({ id: target.id, version: 1, patch: { firstName: "Annie" } })).rejects.toThrow(
      /changed since you opened it.*Admin.*first name.*Nothing was saved/,
    );
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ firstName: "Anne", company: null, version: 2 });
  });

  test("custom fields are validated against their definitions", async ({ db }) => {
    await db.insert(customFieldDefinitions).values([
      { key: "vat_number", label: "VAT number", type: "text", required: true },
      { key: "credit_limit", label: "Credit limit", type: "number" },
      { key: "segment", label: "Segment", type: "select", options: ["Retail", "Trade"] },
    ]);
    const { caller } = await callerAs(db, "admin");
    await expect(caller.users.create({ email: "cf@example.test", customFields: { credit_limit: 5 } })).rejects.toThrow(/customFields\.vat_number/);
    const { id } = await caller.users.create({ email: "cf@example.test", customFields: { vat_number: "GB123", segment: "Trade" } });
    await expect(caller.users.update({ id, version: 1, patch: { customFields: { segment: "Gold" } } })).rejects.toThrow(/customFields\.segment/);
    await expect(caller.users.update({ id, version: 1, patch: { customFields: { nope: 1 } } })).rejects.toThrow(/customFields\.nope/);
    const ok = await caller.users.update({ id, version: 1, patch: { customFields: { credit_limit: 2500 } } });
    expect(ok.customFields).toEqual({ vat_number: "GB123", segment: "Trade", credit_limit: 2500 });
  });

  test("admins cannot touch owner or admin accounts or grant those roles; owners can", async ({ db }) => {
    const { caller: admin, user: adminUser } = await callerAs(db, "admin");
    const { caller: owner } = await callerAs(db, "owner");
    const otherAdmin = await createUser(db, { role: "admin" });
    const customer = await createUser(db);
    await expect(admin.users.update({ id: otherAdmin.id, version: 1, patch: { firstName: "X" } })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(admin.users.update({ id: customer.id, version: 1, patch: { role: "owner" } })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(admin.users.setStatus({ id: adminUser.id, status: "suspended" })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(admin.users.update({ id: customer.id, version: 1, patch: { role: "manager" } })).resolves.toMatchObject({ role: "manager" });
    await expect(owner.users.update({ id: otherAdmin.id, version: 1, patch: { role: "manager" } })).resolves.toMatchObject({ role: "manager" });
  });

  test("deactivating ends the user's sessions; activating records the change", async ({ db }) => {
    const target = await createUser(db);
    const s1 = await createSession(db, target.id);
    const { caller } = await callerAs(db, "admin");
    const off = await caller.users.setStatus({ id: target.id, status: "suspended" });
    expect(off.activity).toEqual({ active: false, reason: "inactive: status is suspended" });
    const [s] = await db.select().from(sessions).where(eq(sessions.id, s1.id));
    expect(s?.revokedAt).not.toBeNull();
    const on = await caller.users.setStatus({ id: target.id, status: "approved" });
    expect(on.activity.active).toBe(true);
    const kinds = (await db.select().from(timelineEvents).where(eq(timelineEvents.userId, target.id))).map((e) => e.summary);
    expect(kinds).toEqual(expect.arrayContaining(["Status: approved → suspended", "Status: suspended → approved"]));
  });

  test("anonymise erases personal data but keeps the row, orders and the fact it happened", async ({ db }) => {
    const target = await createUser(db, { firstName: "Priya", lastName: "Patel", phone: "+44 7", company: "Acme", orderCount: 2, totalSpendCents: 900 });
    await createSession(db, target.id);
    const { caller } = await callerAs(db, "admin");
    await caller.users.update({ id: target.id, version: 1, patch: { company: "Acme Ltd" } });
    await expect(caller.users.delete({ id: target.id, mode: "delete" })).rejects.toThrow(/2 order\(s\).*anonymise instead/);
    await caller.users.delete({ id: target.id, mode: "anonymise" });
    const record = await caller.users.get({ id: target.id });
    expect(record).toMatchObject({ firstName: "", lastName: "", phone: null, company: null, orderCount: 2, totalSpendCents: 900, hasPassword: false });
    expect(record.email).toMatch(/@anonymised\.invalid$/);
    expect(record.activity.active).toBe(false);
    const events = await db.select().from(timelineEvents).where(eq(timelineEvents.userId, target.id));
    expect(events.map((e) => e.kind)).toContain("anonymised");
    expect(JSON.stringify(events)).not.toMatch(/Acme|Priya/);
    const live = await db.select().from(sessions).where(and(eq(sessions.userId, target.id)));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    await expect(caller.users.update({ id: target.id, version: record.version, patch: { firstName: "Back" } })).rejects.toThrow(/anonymised/);
  });

  test("full delete removes a user without orders; unknown ids are NOT_FOUND; nobody deletes themselves", async ({ db }) => {
    const target = await createUser(db);
    const { caller, user: me } = await callerAs(db, "admin");
    await caller.users.delete({ id: target.id, mode: "delete" });
    await expect(caller.users.get({ id: target.id })).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(caller.users.delete({ id: target.id, mode: "delete" })).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(caller.users.delete({ id: me.id, mode: "delete" })).rejects.toSatisfy(code("FORBIDDEN"));
  });
});

describe("own record", () => {
  test("an admin may edit their own details but not their own role", async ({ db }) => {
    const { caller, user } = await callerAs(db, "admin");
    await expect(caller.users.update({ id: user.id, version: 1, patch: { phone: "+44 20" } })).resolves.toMatchObject({ phone: "+44 20" });
    await expect(caller.users.update({ id: user.id, version: 2, patch: { role: "owner" } })).rejects.toSatisfy(code("FORBIDDEN"));
  });
});
