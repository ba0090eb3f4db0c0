import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, sessions } from "@/db/schema";
import { authenticate, LOGIN_FAILED, LOGIN_LOCKED } from "@/server/services/auth/login";
import { revokeSession, revokeUserSessions, validateSession } from "@/server/services/auth/sessions";
import { test } from "../helpers/db";
import { createUser, TEST_PASSWORD } from "../helpers/factories";

const limits = { maxPerEmail: 3, maxPerIp: 5, windowMinutes: 15, idleDays: 30 };

describe("login", () => {
  test("the right password opens a session row that validates", async ({ db }) => {
    const user = await createUser(db, { email: "Ada@Example.test" });
    const result = await authenticate(db, { email: "ada@example.TEST", password: TEST_PASSWORD, ip: "10.0.0.1", userAgent: "ua" }, limits);
    expect(result.userId).toBe(user.id);
    const info = await validateSession(db, result.sessionId, { idleDays: 30 });
    expect(info?.user.email).toBe("Ada@Example.test");
  });

  test("a wrong password and an unknown address get the same answer", async ({ db }) => {
    await createUser(db, { email: "known@example.test" });
    const wrong = authenticate(db, { email: "known@example.test", password: "nope", ip: "10.0.0.2", userAgent: null }, limits);
    await expect(wrong).rejects.toThrow(LOGIN_FAILED);
    const unknown = authenticate(db, { email: "nobody@example.test", password: "nope", ip: "10.0.0.3", userAgent: null }, limits);
    await expect(unknown).rejects.toThrow(LOGIN_FAILED);
  });

  test("users who may not log in are refused with the same message", async ({ db }) => {
    await createUser(db, { email: "suspended@example.test", status: "suspended" });
    await createUser(db, { email: "invited@example.test", inviteState: "pending" });
    for (const email of ["suspended@example.test", "invited@example.test"]) {
      await expect(authenticate(db, { email, password: TEST_PASSWORD, ip: "10.0.0.4", userAgent: null }, limits)).rejects.toThrow(
        LOGIN_FAILED,
      );
    }
  });

  test("repeated failures for one address lock it, even with the right password, and audit it", async ({ db }) => {
    await createUser(db, { email: "target@example.test" });
    for (let i = 0; i < limits.maxPerEmail; i++) {
      await expect(
        authenticate(db, { email: "target@example.test", password: "guess" + i, ip: `10.1.0.${i}`, userAgent: null }, limits),
      ).rejects.toThrow(LOGIN_FAILED);
    }
    await expect(
      authenticate(db, { email: "target@example.test", password: TEST_PASSWORD, ip: "10.1.1.1", userAgent: null }, limits),
    ).rejects.toThrow(LOGIN_LOCKED);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_locked"));
    expect(audit).toHaveLength(1);
  });

  test("one IP guessing many addresses is locked out", async ({ db }) => {
    await createUser(db, { email: "other@example.test" });
    for (let i = 0; i < limits.maxPerIp; i++) {
      await expect(
        authenticate(db, { email: `guess${i}@example.test`, password: "x", ip: "10.9.9.9", userAgent: null }, limits),
      ).rejects.toThrow(LOGIN_FAILED);
    }
    await expect(
      authenticate(db, { email: "other@example.test", password: TEST_PASSWORD, ip: "10.9.9.9", userAgent: null }, limits),
    ).rejects.toThrow(LOGIN_LOCKED);
    // Another IP is unaffected.
    await expect(
      authenticate(db, { email: "other@example.test", password: TEST_PASSWORD, ip: "10.9.9.8", userAgent: null }, limits),
    ).resolves.toMatchObject({ role: "customer" });
  });
});

describe("sessions", () => {
  test("a revoked session no longer validates", async ({ db }) => {
    await createUser(db, { email: "rev@example.test" });
    const { sessionId, userId } = await authenticate(db, { email: "rev@example.test", password: TEST_PASSWORD, ip: "1.1.1.1", userAgent: null }, limits);
    expect(await validateSession(db, sessionId, { idleDays: 30 })).not.toBeNull();
    await revokeSession({ db, actor: null, ip: null }, sessionId, "device removed");
    expect(await validateSession(db, sessionId, { idleDays: 30 })).toBeNull();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetId, String(userId)));
    expect(audit.map((a) => a.action)).toContain("session.revoke");
  });

  test("revoking all of a user's sessions can keep the current one", async ({ db }) => {
    await createUser(db, { email: "many@example.test" });
    const input = { email: "many@example.test", password: TEST_PASSWORD, ip: "1.1.1.2", userAgent: null };
    const a = await authenticate(db, input, limits);
    const b = await authenticate(db, input, limits);
    const c = await authenticate(db, input, limits);
    expect(await revokeUserSessions({ db, actor: null, ip: null }, a.userId, "log out everywhere", a.sessionId)).toBe(2);
    expect(await validateSession(db, a.sessionId, { idleDays: 30 })).not.toBeNull();
    expect(await validateSession(db, b.sessionId, { idleDays: 30 })).toBeNull();
    expect(await validateSession(db, c.sessionId, { idleDays: 30 })).toBeNull();
  });

  test("an idle-expired session is refused; a used one slides its expiry", async ({ db }) => {
    await createUser(db, { email: "idle@example.test" });
    const { sessionId } = await authenticate(db, { email: "idle@example.test", password: TEST_PASSWORD, ip: "1.1.1.3", userAgent: null }, limits);
    const later = new Date(Date.now() + 10 * 86_400_000);
    expect(await validateSession(db, sessionId, { idleDays: 30, now: later })).not.toBeNull();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(later.getTime() + 29 * 86_400_000);
    const muchLater = new Date(later.getTime() + 31 * 86_400_000);
    expect(await validateSession(db, sessionId, { idleDays: 30, now: muchLater })).toBeNull();
  });

  test("a suspended user's session stops working at once", async ({ db }) => {
    const user = await createUser(db, { email: "sus@example.test" });
    const { sessionId } = await authenticate(db, { email: "sus@example.test", password: TEST_PASSWORD, ip: "1.1.1.4", userAgent: null }, limits);
    const { users } = await import("@/db/schema");
    await db.update(users).set({ status: "suspended" }).where(eq(users.id, user.id));
    expect(await validateSession(db, sessionId, { idleDays: 30 })).toBeNull();
  });
});
