import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { customerLevels, emailOutbox, groupMembers, groups, inviteLinks, invites, settings, tags, timelineEvents, users, userTags } from "@/db/schema";
import type { Database } from "@/db/client";
import { authenticate } from "@/server/services/auth/login";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs, type Caller } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";

const STRONG = "plum-orbit-kettle-49-harbour";
const LIMITS = { maxPerEmail: 5, maxPerIp: 30, windowMinutes: 15, idleDays: 30 };

/** The raw token of the newest invite email to `email`, read from the outbox as the invitee would. */
async function latestLink(db: Database, email: string): Promise<string> {
  const rows = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.kind, "invite")));
  const last = rows.sort((a, b) => b.id - a.id)[0];
  const m = last?.text.match(/\/invite\/([A-Za-z0-9_-]{43})/);
  if (!m?.[1]) throw new Error(`no invite link for ${email}`);
  return m[1];
}

async function inviteOne(admin: Caller, email: string, extra: Partial<Parameters<Caller["invites"]["create"]>[0]> = {}) {
  const result = await admin.invites.create({ emails: email, ...extra });
  expect(result.outcomes).toEqual([expect.objectContaining({ email, result: "invited" })]);
  return result.outcomes[0]!.inviteId!;
}

describe("inviting", () => {
  test("a paste invites each new address once, with presets, and says why the others were skipped", async ({ db }) => {
    const { caller: admin, user: adminUser } = await callerAs(db, "admin");
    const active = await createUser(db, { email: "already@example.test" });
    const subscriber = await createUser(db, { email: "sub@example.test", passwordHash: null, source: "subscriber" });
    const [group] = await db.insert(groups).values({ name: "Trade" }).returning();
    const [tag] = await db.insert(tags).values({ name: "Fair 2026" }).returning();
    const [level] = await db.insert(customerLevels).values({ name: "Gold", position: 99 }).returning();
    const before = await admin.users.summary();

    const result = await admin.invites.create({
      emails: `new.one@example.test, NEW.ONE@example.test; not-an-address\n${active.email}\n${subscriber.email}`,
      levelId: level!.id,
      groupIds: [group!.id],
      tagIds: [tag!.id],
      message: "See you at the stand!",
    });
    expect(result).toMatchObject({ invited: 2, skipped: 2 });
    const by = Object.fromEntries(result.outcomes.map((o) => [o.email, o]));
    expect(by["not-an-address"]).toMatchObject({ result: "skipped", note: "not a valid email address" });
    expect(by[active.email]).toMatchObject({ result: "skipped", note: "already has an active account" });
    expect(by["new.one@example.test"]).toMatchObject({ result: "invited" });
    expect(by[subscriber.email]).toMatchObject({ result: "invited" });

    const [created] = await db.select().from(users).where(eq(users.email, "new.one@example.test"));
    expect(created).toMatchObject({ source: "invite", inviteState: "pending", levelId: level!.id, passwordHash: null });
    const [reused] = await db.select().from(users).where(eq(users.id, subscriber.id));
    expect(reused).toMatchObject({ source: "subscriber", inviteState: "pending" });
    expect(await db.select().from(groupMembers).where(eq(groupMembers.userId, created!.id))).toHaveLength(1);
    expect(await db.select().from(userTags).where(eq(userTags.userId, created!.id))).toHaveLength(1);
    // Invited is not active until accepted.
    const after = await admin.users.summary();
    expect(after).toMatchObject({ all: before.all + 1, active: before.active });

    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "new.one@example.test"));
    expect(mail).toMatchObject({ kind: "invite", sensitive: true });
    expect(mail!.text).toContain("See you at the stand!");
    expect(mail!.subject).toContain(adminUser.firstName);
    // Only the hash is stored.
    const token = await latestLink(db, "new.one@example.test");
    expect(JSON.stringify(await db.select().from(inviteLinks))).not.toContain(token);

    const list = await admin.invites.list({});
    expect(list.counts).toMatchObject({ pending: 2, accepted: 0 });
    expect(list.items[0]).toMatchObject({ state: "pending", invitedBy: expect.stringContaining("Admin"), groupNames: ["Trade"], tagNames: ["Fair 2026"] });

    // Inviting again while pending is refused for that address; nothing new is sent.
    const again = await admin.invites.create({ emails: "new.one@example.test" });
    expect(again.outcomes[0]).toMatchObject({ result: "skipped", note: expect.stringMatching(/already invited/) });
  });

  test("bad input names the field and changes nothing", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const n = (await db.select().from(users)).length;
    await expect(admin.invites.create({ emails: "   " })).rejects.toThrow(/emails/);
    await expect(admin.invites.create({ emails: "nope, also-nope" })).rejects.toThrow(/^emails: "nope" is not a valid email address/);
    await expect(admin.invites.create({ emails: "a@example.test", levelId: 999999 })).rejects.toThrow(/^levelId:/);
    await expect(admin.invites.create({ emails: "a@example.test", groupIds: [999999] })).rejects.toThrow(/^groupIds:/);
    await expect(admin.invites.create({ emails: "a@example.test", message: "x".repeat(2001) })).rejects.toThrow(/message/);
    expect(await db.select().from(users)).toHaveLength(n);
    expect(await db.select().from(invites)).toEqual([]);
  });

  test("expiry comes from settings", async ({ db }) => {
    await db.update(settings).set({ inviteExpiryDays: 3 });
    const { caller: admin } = await callerAs(db, "admin");
    await inviteOne(admin, "three-days@example.test");
    const [inv] = await db.select().from(invites);
    const days = (inv!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThan(3.01);
  });
});

describe("accepting", () => {
  test("the link sets a strong password, confirms the email, counts as active, and works once", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    await inviteOne(admin, "invitee@example.test");
    const token = await latestLink(db, "invitee@example.test");
    const anon = anonymousCaller(db);
    await expect(anon.invites.checkLink({ token })).resolves.toMatchObject({ state: "valid", email: "invitee@example.test", invitedBy: expect.stringContaining("Admin") });

    const before = await admin.users.summary();
    await expect(anon.invites.accept({ token, password: "password1234" })).rejects.toThrow(/^password: is too easy to guess/);
    await expect(anon.invites.accept({ token, password: "invitee2026!" })).rejects.toThrow(/^password:/);
    await expect(anon.invites.checkLink({ token })).resolves.toMatchObject({ state: "valid" });

    await expect(anon.invites.accept({ token, password: STRONG, firstName: "Ivy" })).resolves.toMatchObject({ email: "invitee@example.test" });
    const [u] = await db.select().from(users).where(eq(users.email, "invitee@example.test"));
    expect(u).toMatchObject({ inviteState: "accepted", firstName: "Ivy", loginable: true });
    expect(u!.emailConfirmedAt).not.toBeNull();
    expect(await admin.users.summary()).toMatchObject({ active: before.active + 1 });
    await expect(authenticate(db, { email: u!.email, password: STRONG, ip: "10.0.0.9", userAgent: "vitest" }, LIMITS)).resolves.toMatchObject({ userId: u!.id });

    // Single use: the same link now says it was used and offers nothing.
    await expect(anon.invites.checkLink({ token })).resolves.toEqual({ state: "accepted", email: null, firstName: null, invitedBy: null, message: null, expiresAt: null });
    const second = await expectTRPCError(anon.invites.accept({ token, password: "another-long-unusual-phrase-77" }), "BAD_REQUEST");
    expect(second.message).toMatch(/^token: This invitation has already been accepted/);
    expect((await admin.invites.list({ state: "accepted" })).items).toEqual([expect.objectContaining({ email: u!.email, acceptedAt: expect.any(Date) })]);
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, u!.id), eq(timelineEvents.kind, "invite")));
    expect(events.map((e) => e.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^Invited by/), expect.stringMatching(/^Accepted the invite/)]));
  });

  test("an expired link says so and cannot be used; resend revives it with a new link", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const id = await inviteOne(admin, "late@example.test");
    const token = await latestLink(db, "late@example.test");
    await db.update(inviteLinks).set({ expiresAt: new Date(Date.now() - 1000) });
    await db.update(invites).set({ expiresAt: new Date(Date.now() - 1000) });
    const anon = anonymousCaller(db);
    await expect(anon.invites.checkLink({ token })).resolves.toMatchObject({ state: "expired", email: null });
    await expect(anon.invites.accept({ token, password: STRONG })).rejects.toThrow(/^token: This invitation has expired/);
    expect((await admin.invites.list({ state: "expired" })).items.map((i) => i.id)).toEqual([id]);
    expect((await admin.invites.list({ state: "pending" })).items).toEqual([]);

    await admin.invites.resend({ id });
    const fresh = await latestLink(db, "late@example.test");
    expect(fresh).not.toBe(token);
    await expect(anon.invites.checkLink({ token: fresh })).resolves.toMatchObject({ state: "valid" });
    expect((await admin.invites.list({ state: "pending" })).items).toEqual([expect.objectContaining({ id, sendCount: 2 })]);
  });

  test("resend kills the old link at once; revoke kills the current one", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const id = await inviteOne(admin, "twice@example.test");
    const first = await latestLink(db, "twice@example.test");
    await admin.invites.resend({ id });
    const second = await latestLink(db, "twice@example.test");
    const anon = anonymousCaller(db);
    await expect(anon.invites.checkLink({ token: first })).resolves.toMatchObject({ state: "replaced" });
    await expect(anon.invites.accept({ token: first, password: STRONG })).rejects.toThrow(/^token: This link was replaced/);

    await admin.invites.revoke({ id });
    await expect(anon.invites.checkLink({ token: second })).resolves.toMatchObject({ state: "revoked" });
    await expect(anon.invites.accept({ token: second, password: STRONG })).rejects.toThrow(/^token: This invitation was withdrawn/);
    await expect(admin.invites.resend({ id })).rejects.toThrow(/^id: this invite was revoked/);
    const [u] = await db.select().from(users).where(eq(users.email, "twice@example.test"));
    expect(u).toMatchObject({ inviteState: "none", passwordHash: null });
    expect((await admin.invites.list({ state: "revoked" })).items).toEqual([expect.objectContaining({ id, revokedAt: expect.any(Date) })]);
    await expectTRPCError(anon.invites.accept({ token: "A".repeat(43), password: STRONG }), "NOT_FOUND");
  });

  test("Send invite on a record created by hand", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const { id } = await admin.users.create({ email: "handmade@example.test", firstName: "Hana" });
    await expect(admin.invites.createForUser({ userId: id, message: null })).resolves.toMatchObject({ invited: 1 });
    const [u] = await db.select().from(users).where(eq(users.id, id));
    expect(u).toMatchObject({ inviteState: "pending", source: "manual" });
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.userId, id)))[0]?.text).toContain("Hello Hana,");
    const active = await createUser(db);
    await expect(admin.invites.createForUser({ userId: active.id, message: null })).rejects.toThrow(/^userId: already has an active account/);
  });
});

describe("who may", () => {
  test("customers and managers are refused every admin invite procedure; anonymous callers too", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const id = await inviteOne(admin, "target@example.test");
    for (const role of ["customer", "manager"] as const) {
      const { caller } = await callerAs(db, role);
      await expectTRPCError(caller.invites.list({}), "FORBIDDEN");
      await expectTRPCError(caller.invites.create({ emails: "x@example.test" }), "FORBIDDEN");
      await expectTRPCError(caller.invites.createForUser({ userId: 1, message: null }), "FORBIDDEN");
      await expectTRPCError(caller.invites.resend({ id }), "FORBIDDEN");
      await expectTRPCError(caller.invites.revoke({ id }), "FORBIDDEN");
    }
    await expectTRPCError(anonymousCaller(db).invites.list({}), "UNAUTHORIZED");
    expect((await admin.invites.list({})).items).toEqual([expect.objectContaining({ id, state: "pending", sendCount: 1 })]);
  });
});
