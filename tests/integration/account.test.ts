import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { consents, emailOutbox, orders, settings, timelineEvents, users } from "@/db/schema";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";

describe("customer preferences", () => {
  test("each change is a consent record; unsubscribing lowers the Subscribed count", async ({ db }) => {
    const { caller: me, user } = await callerAs(db, "customer");
    const { caller: admin } = await callerAs(db, "admin");
    const start = await admin.users.summary();
    await expect(me.account.preferences.get()).resolves.toMatchObject({ newsletter: false, offers: false, sms: false });
    await me.account.preferences.update({ newsletter: true, sms: true });
    expect(await admin.users.summary()).toMatchObject({ subscribed: start.subscribed + 1 });
    const prefs = await me.account.preferences.update({ newsletter: false });
    expect(prefs).toMatchObject({ newsletter: false, sms: true, offers: false });
    expect(await admin.users.summary()).toMatchObject({ subscribed: start.subscribed });
    const log = await db.select().from(consents).where(eq(consents.userId, user.id));
    expect(log.map((c) => [c.kind, c.granted, c.source, c.actorId])).toEqual(
      expect.arrayContaining([
        ["newsletter", true, "customer area", user.id],
        ["sms", true, "customer area", user.id],
        ["newsletter", false, "customer area", user.id],
      ]),
    );
    expect(log).toHaveLength(3);
    // No-op changes write nothing.
    await me.account.preferences.update({ sms: true });
    expect(await db.select().from(consents).where(eq(consents.userId, user.id))).toHaveLength(3);
    await expect(me.account.preferences.update({})).rejects.toThrow(/Choose at least one preference/);
    await expect(me.account.preferences.update({ userId: 1, newsletter: true } as never)).rejects.toThrow(/Unrecognized key/i);
  });

  test("with double opt-in a newsletter subscription waits for the emailed link", async ({ db }) => {
    await db.update(settings).set({ doubleOptIn: true });
    const { caller: me, user } = await callerAs(db, "customer");
    const { caller: admin } = await callerAs(db, "admin");
    const start = await admin.users.summary();
    await expect(me.account.preferences.update({ newsletter: true })).resolves.toMatchObject({ newsletter: false, newsletterAwaitingConfirmation: true });
    expect(await admin.users.summary()).toMatchObject({ subscribed: start.subscribed });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, user.id));
    const token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail!.text)?.[1];
    await anonymousCaller(db).email.confirm({ token: token! });
    expect(await admin.users.summary()).toMatchObject({ subscribed: start.subscribed + 1 });
    await expect(me.account.preferences.get()).resolves.toMatchObject({ newsletter: true, newsletterAwaitingConfirmation: false });
  });
});

describe("download my data", () => {
  test("profile, consents, orders and my timeline; never staff comments, audit or secrets, never someone else's", async ({ db }) => {
    const { caller: me, user } = await callerAs(db, "customer");
    const other = await createUser(db, { email: "other@example.test" });
    const { caller: manager } = await callerAs(db, "manager");
    await me.account.preferences.update({ offers: true });
    await db.insert(orders).values({ userId: user.id, currency: "GBP", totalCents: 1234, placedAt: new Date(), externalId: "WEB-1" });
    await db.insert(orders).values({ userId: other.id, currency: "GBP", totalCents: 999, placedAt: new Date(), externalId: "WEB-OTHER" });
    await manager.timeline.comments.add({ userId: user.id, body: "Staff-only remark about this customer" });
    await db.insert(timelineEvents).values({ userId: user.id, kind: "login", summary: "Signed in" });
    const data = await me.account.export();
    const text = JSON.stringify(data);
    expect(data).toMatchObject({ profile: { email: user.email }, consents: [expect.objectContaining({ kind: "offers", granted: true })] });
    expect(data.orders).toEqual([expect.objectContaining({ reference: "WEB-1", total: { minorUnits: 1234, currency: "GBP" } })]);
    expect(text).toContain("Signed in");
    expect(text).not.toContain("Staff-only remark");
    expect(text).not.toContain("WEB-OTHER");
    expect(text).not.toContain(user.passwordHash!);
    expect(text).not.toMatch(/argon2/);
  });
});

describe("deletion requests", () => {
  test("a customer asks; staff see it; an admin anonymises and the request is completed", async ({ db }) => {
    const { caller: me, user } = await callerAs(db, "customer");
    await me.account.deletion.request({ reason: "Moving abroad" });
    await expectTRPCError(me.account.deletion.request({ reason: null }), "CONFLICT");
    await expect(me.account.deletion.get()).resolves.toMatchObject({ status: "open" });
    const { caller: manager } = await callerAs(db, "manager");
    const open = await manager.deletionRequests.list({});
    expect(open).toMatchObject({ openCount: 1, items: [expect.objectContaining({ userId: user.id, reason: "Moving abroad", status: "open" })] });
    await expect(manager.deletionRequests.forUser({ userId: user.id })).resolves.toMatchObject({ status: "open" });
    await expectTRPCError(manager.deletionRequests.fulfil({ id: open.items[0]!.id }), "FORBIDDEN");
    await expectTRPCError(me.deletionRequests.list({}), "FORBIDDEN");

    const { caller: admin } = await callerAs(db, "admin");
    await admin.deletionRequests.fulfil({ id: open.items[0]!.id });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.anonymisedAt).not.toBeNull();
    expect(await admin.deletionRequests.list({})).toMatchObject({ openCount: 0, items: [] });
    expect((await admin.deletionRequests.list({ status: "completed" })).items).toEqual([expect.objectContaining({ userId: user.id, reason: null })]);
    await expect(admin.deletionRequests.forUser({ userId: user.id })).resolves.toBeNull();
  });

  test("anonymising from the user record also completes it; a dismissal is explained; withdraw", async ({ db }) => {
    const { caller: a } = await callerAs(db, "customer");
    const { caller: b, user: bUser } = await callerAs(db, "customer");
    const { caller: c, user: cUser } = await callerAs(db, "customer");
    const { caller: admin } = await callerAs(db, "admin");
    await a.account.deletion.request({ reason: null });
    await a.account.deletion.withdraw();
    await expect(a.account.deletion.get()).resolves.toMatchObject({ status: "withdrawn" });
    await b.account.deletion.request({ reason: null });
    await admin.users.delete({ id: bUser.id, mode: "anonymise" });
    expect((await admin.deletionRequests.list({ status: "completed" })).items.map((i) => i.userId)).toEqual([bUser.id]);
    const { id } = await c.account.deletion.request({ reason: null });
    await expect(admin.deletionRequests.dismiss({ id, note: "  " })).rejects.toThrow(/note/);
    await admin.deletionRequests.dismiss({ id, note: "Open invoices must be settled first" });
    await expect(c.account.deletion.get()).resolves.toMatchObject({ status: "dismissed", closeNote: "Open invoices must be settled first" });
    expect((await admin.deletionRequests.list({ status: "dismissed" })).items.map((i) => i.userId)).toEqual([cUser.id]);
  });

  test("account procedures need a session and take no user id", async ({ db }) => {
    const anon = anonymousCaller(db);
    await expectTRPCError(anon.account.preferences.get(), "UNAUTHORIZED");
    await expectTRPCError(anon.account.export(), "UNAUTHORIZED");
    await expectTRPCError(anon.account.deletion.request({ reason: null }), "UNAUTHORIZED");
    const other = await createUser(db, { subscribed: true });
    const { caller: me } = await callerAs(db, "customer");
    await me.account.preferences.update({ newsletter: false, id: other.id } as never).catch(() => null);
    expect((await db.select().from(users).where(eq(users.id, other.id)))[0]?.subscribed).toBe(true);
  });
});
