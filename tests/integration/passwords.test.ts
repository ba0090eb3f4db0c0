import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { auditEvents, emailOutbox, emailTokens, sessions, settings, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { verifyPassword } from "@/server/auth/password";
import { drainOutbox } from "@/server/email/worker";
import { authenticate, PasswordExpiredError, PASSWORD_EXPIRED } from "@/server/services/auth/login";
import { FORGOT_PASSWORD_ANSWER } from "@/server/services/auth/passwords";
import { validateSession } from "@/server/services/auth/sessions";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createSession, createUser, TEST_PASSWORD } from "../helpers/factories";
import { linkIn, TestSmtp } from "../helpers/smtp";

const code = (c: string) => (e: unknown) => e instanceof TRPCError && e.code === c;
const STRONG = "plum-orbit-kettle-49-harbour";
const LIMITS = { maxPerEmail: 5, maxPerIp: 30, windowMinutes: 15, idleDays: 30 };

const smtp = new TestSmtp();
beforeAll(() => smtp.start());
afterAll(() => smtp.stop());

async function resetToken(db: Database, email: string): Promise<string> {
  smtp.received.length = 0;
  await anonymousCaller(db).passwords.requestReset({ email });
  await drainOutbox({ db, transport: smtp.transport() });
  const mail = smtp.received.find((m) => m.to.includes(email.toLowerCase()));
  if (!mail) throw new Error(`no email reached ${email}`);
  return linkIn(mail, "reset-password");
}

const login = (db: Database, email: string, password: string) =>
  authenticate(db, { email, password, ip: "10.0.0.1", userAgent: "vitest" }, LIMITS);

describe("forgot password and reset links", () => {
  test("the same answer for an unknown address, and no email is sent", async ({ db }) => {
    const known = await createUser(db, { email: "known@example.test" });
    const anon = anonymousCaller(db);
    const a = await anon.passwords.requestReset({ email: "nobody-at-all@example.test" });
    const b = await anon.passwords.requestReset({ email: known.email });
    expect(a).toEqual({ message: FORGOT_PASSWORD_ANSWER });
    expect(b).toEqual(a);
    const queued = await db.select().from(emailOutbox);
    expect(queued.map((m) => m.toAddress)).toEqual([known.email]);
    await expect(anon.passwords.requestReset({ email: "not an address" })).rejects.toThrow(/email/);
  });

  test("a reset sets the password, ends every session, is single use and audited", async ({ db }) => {
    const user = await createUser(db, { email: "reset@example.test" });
    const s1 = await createSession(db, user.id);
    const s2 = await createSession(db, user.id);
    const token = await resetToken(db, user.email);
    const anon = anonymousCaller(db);
    await expect(anon.passwords.reset({ token, password: STRONG })).resolves.toEqual({ endedSessions: 2 });
    for (const s of [s1, s2]) expect(await validateSession(db, s.id, { idleDays: 30 })).toBeNull();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row!.passwordHash!, STRONG)).toBe(true);
    await expect(login(db, user.email, STRONG)).resolves.toMatchObject({ userId: user.id });
    await expect(login(db, user.email, TEST_PASSWORD)).rejects.toThrow(/incorrect/);

    await expect(anon.passwords.reset({ token, password: "another-long-unusual-phrase-77" })).rejects.toThrow(/token: This link has already been used/);
    await expect(anon.passwords.checkToken({ token })).resolves.toEqual({ state: "used", email: user.email });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.password_reset"), eq(auditEvents.targetId, String(user.id))));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  test("an expired or unknown link is refused and changes nothing", async ({ db }) => {
    const user = await createUser(db, { email: "expired-link@example.test" });
    const token = await resetToken(db, user.email);
    await db.update(emailTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailTokens.userId, user.id));
    const anon = anonymousCaller(db);
    await expect(anon.passwords.reset({ token, password: STRONG })).rejects.toThrow(/token: This link has expired/);
    await expect(anon.passwords.reset({ token: "A".repeat(43), password: STRONG })).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(anon.passwords.reset({ token: "short", password: STRONG })).rejects.toThrow(/token/);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toBe(user.passwordHash);
  });

  test("a weak new password is refused naming the field, and the link still works afterwards", async ({ db }) => {
    const user = await createUser(db, { email: "weak@example.test", firstName: "Rosalind" });
    const token = await resetToken(db, user.email);
    const anon = anonymousCaller(db);
    const short = await anon.passwords.reset({ token, password: "abc123" }).catch((e: TRPCError) => e);
    expect(short).toSatisfy(code("BAD_REQUEST"));
    expect((short as TRPCError).message).toMatch(/^password: use at least 12 characters/);
    await expect(anon.passwords.reset({ token, password: "password1234" })).rejects.toThrow(/^password: is too easy to guess/);
    await expect(anon.passwords.reset({ token, password: "rosalind1988!" })).rejects.toThrow(/^password: /);
    await expect(anon.passwords.checkToken({ token })).resolves.toMatchObject({ state: "valid" });
    await expect(anon.passwords.reset({ token, password: STRONG })).resolves.toBeDefined();
  });

  test("public reset emails are capped per account per hour", async ({ db }) => {
    const user = await createUser(db, { email: "flood@example.test" });
    const anon = anonymousCaller(db);
    for (let i = 0; i < 5; i++) await anon.passwords.requestReset({ email: user.email });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.userId, user.id))).toHaveLength(3);
  });
});

describe("change own password and temporary passwords", () => {
  test("change needs the current password; other sessions end, this one stays", async ({ db }) => {
    const { caller, user, session } = await callerAs(db, "customer");
    const other = await createSession(db, user.id);
    await expect(caller.passwords.change({ currentPassword: "wrong", newPassword: STRONG })).rejects.toThrow(/^currentPassword: is not your current password/);
    await expect(caller.passwords.change({ currentPassword: TEST_PASSWORD, newPassword: "short" })).rejects.toThrow(/^newPassword: use at least 12/);
    await expect(caller.passwords.change({ currentPassword: TEST_PASSWORD, newPassword: STRONG })).resolves.toEqual({ endedSessions: 1 });
    expect(await validateSession(db, other.id, { idleDays: 30 })).toBeNull();
    expect(await validateSession(db, session.id, { idleDays: 30 })).not.toBeNull();
    await expect(anonymousCaller(db).passwords.change({ currentPassword: "x", newPassword: STRONG })).rejects.toSatisfy(code("UNAUTHORIZED"));
  });

  test("a temporary password forces a change at next sign-in, then the flag clears", async ({ db }) => {
    const target = await createUser(db, { email: "temp@example.test" });
    const old = await createSession(db, target.id);
    const { caller: admin } = await callerAs(db, "admin");
    await admin.passwords.setTemporary({ userId: target.id, password: "Temporary-Walnut-Cactus-81" });
    expect(await validateSession(db, old.id, { idleDays: 30 })).toBeNull();
    const { sessionId } = await login(db, target.email, "Temporary-Walnut-Cactus-81");
    const session = await validateSession(db, sessionId, { idleDays: 30 });
    expect(session?.user.mustChangePassword).toBe(true);

    const [{ caller: self }] = [await callerAsSession(db, target.id, sessionId)];
    await self.passwords.change({ currentPassword: "Temporary-Walnut-Cactus-81", newPassword: STRONG });
    expect((await validateSession(db, sessionId, { idleDays: 30 }))?.user.mustChangePassword).toBe(false);
  });

  test("admins cannot set passwords on admin or owner accounts or their own; weak ones are refused", async ({ db }) => {
    const { caller: admin, user: me } = await callerAs(db, "admin");
    const otherAdmin = await createUser(db, { role: "admin" });
    const customer = await createUser(db);
    await expect(admin.passwords.setTemporary({ userId: otherAdmin.id, password: STRONG })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(admin.passwords.sendResetLink({ userId: otherAdmin.id })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(admin.passwords.setTemporary({ userId: me.id, password: STRONG })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(admin.passwords.setTemporary({ userId: customer.id, password: "password1234" })).rejects.toThrow(/^password: is too easy/);
    const [row] = await db.select().from(users).where(eq(users.id, customer.id));
    expect(row).toMatchObject({ passwordHash: customer.passwordHash, mustChangePassword: false });
  });

  test("admin 'send reset link' emails the user and records it on the timeline", async ({ db }) => {
    smtp.received.length = 0;
    const target = await createUser(db, { email: "admin-link@example.test" });
    const { caller: owner } = await callerAs(db, "owner");
    await expect(owner.passwords.sendResetLink({ userId: target.id })).resolves.toEqual({ email: target.email });
    await drainOutbox({ db, transport: smtp.transport() });
    expect(smtp.received[0]?.text).toContain("An administrator sent you this link");
    const timeline = await owner.timeline.list({ userId: target.id, kinds: ["password"] });
    expect(timeline.items[0]).toMatchObject({ summary: "Password reset link emailed by an administrator", data: expect.objectContaining({ delivery: "sent" }) });
  });

  test("password procedures refuse the wrong roles", async ({ db }) => {
    const target = await createUser(db);
    for (const role of ["manager", "customer"] as const) {
      const { caller } = await callerAs(db, role);
      await expect(caller.passwords.sendResetLink({ userId: target.id })).rejects.toSatisfy(code("FORBIDDEN"));
      await expect(caller.passwords.setTemporary({ userId: target.id, password: STRONG })).rejects.toSatisfy(code("FORBIDDEN"));
    }
    const anon = anonymousCaller(db);
    await expect(anon.passwords.sendResetLink({ userId: target.id })).rejects.toSatisfy(code("UNAUTHORIZED"));
    await expect(anon.passwords.setTemporary({ userId: target.id, password: STRONG })).rejects.toSatisfy(code("UNAUTHORIZED"));
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.userId, target.id))).toHaveLength(0);
  });
});

describe("expired passwords at sign-in", () => {
  test("refused with a message saying a reset link was emailed; the link lets them back in", async ({ db }) => {
    await db.update(settings).set({ passwordExpiryMonths: 6 }).where(eq(settings.id, 1));
    const stale = new Date(Date.now() - 200 * 86_400_000);
    const user = await createUser(db, { email: "stale@example.test", lastActiveAt: stale, createdAt: stale });
    const attempt = login(db, user.email, TEST_PASSWORD);
    await expect(attempt).rejects.toBeInstanceOf(PasswordExpiredError);
    await expect(attempt).rejects.toThrow(PASSWORD_EXPIRED);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    // A second try soon after does not send a second email.
    await expect(login(db, user.email, TEST_PASSWORD)).rejects.toBeInstanceOf(PasswordExpiredError);
    // A wrong password says nothing about expiry.
    await expect(login(db, user.email, "wrong password")).rejects.toThrow(/incorrect/);

    smtp.received.length = 0;
    await drainOutbox({ db, transport: smtp.transport() });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).toBe("Your password has expired: set a new one");
    const token = linkIn(smtp.received[0]!, "reset-password");
    await anonymousCaller(db).passwords.reset({ token, password: STRONG });
    await expect(login(db, user.email, STRONG)).resolves.toMatchObject({ userId: user.id });
  });
});

describe("email confirmation links", () => {
  test("confirming a newsletter subscription sets both confirmations once", async ({ db }) => {
    const { sendConfirmationEmail } = await import("@/server/services/email/confirmations");
    const user = await createUser(db, { email: "optin@example.test", emailConfirmedAt: null, subscribed: true });
    await sendConfirmationEmail({ db, actor: null, ip: null }, { userId: user.id, purpose: "subscription_confirm" });
    smtp.received.length = 0;
    await drainOutbox({ db, transport: smtp.transport() });
    const token = linkIn(smtp.received[0]!, "confirm");
    const anon = anonymousCaller(db);
    await expect(anon.email.confirm({ token })).resolves.toEqual({ purpose: "subscription_confirm", email: user.email });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.emailConfirmedAt).not.toBeNull();
    expect(row?.subscriptionConfirmedAt).not.toBeNull();
    await expect(anon.email.confirm({ token })).rejects.toThrow(/already been used/);
    // A reset link is not a confirmation link.
    const reset = await resetToken(db, (await createUser(db, { email: "mixed@example.test" })).email);
    await expect(anon.email.confirm({ token: reset })).rejects.toSatisfy(code("NOT_FOUND"));
  });
});

async function callerAsSession(db: Database, userId: number, sessionId: string) {
  const { createCaller } = await import("@/server/api/root");
  const info = await validateSession(db, sessionId, { idleDays: 30 });
  if (!info) throw new Error("session not valid");
  return { caller: createCaller({ db, session: info, ip: "127.0.0.1", userAgent: "vitest" }), userId };
}
