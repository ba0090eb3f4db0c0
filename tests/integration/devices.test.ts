import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { auditEvents, pushSubscriptions, sessions } from "@/db/schema";
import type { Database } from "@/db/client";
import { drainOutbox } from "@/server/email/worker";
import { authenticate } from "@/server/services/auth/login";
import { validateSession } from "@/server/services/auth/sessions";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createSession, createStaff, createUser, TEST_PASSWORD } from "../helpers/factories";
import { linkIn, TestSmtp } from "../helpers/smtp";
import { expectTRPCError } from "../helpers/trpc-errors";

const LIMITS = { maxPerEmail: 5, maxPerIp: 30, windowMinutes: 15, idleDays: 30 };

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  edgeMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
};

const login = (db: Database, email: string, userAgent: string | null, ip = "203.0.113.7") =>
  authenticate(db, { email, password: TEST_PASSWORD, ip, userAgent }, LIMITS);

const alive = async (db: Database, id: string) => (await validateSession(db, id, { idleDays: 30 })) !== null;

const subscribe = (db: Database, userId: number, sessionId: string, n: number) =>
  db.insert(pushSubscriptions).values({
    userId,
    sessionId,
    endpoint: `https://push.example.test/sub/${n}-${sessionId.slice(0, 8)}`,
    p256dh: "B".repeat(87),
    auth: "A".repeat(22),
    alerts: ["new_order"],
  });

const smtp = new TestSmtp();
beforeAll(() => smtp.start());
afterAll(() => smtp.stop());

describe("devices recorded at login", () => {
  test("browser and OS are parsed from real user agents, with IP, first and last seen", async ({ db }) => {
    const admin = await createStaff(db, "admin", { email: "ua@example.test" });
    const expected: Array<[string, string, string]> = [
      [UA.chromeWindows, "Chrome 124", "Windows 10"],
      [UA.safariIphone, "Mobile Safari 17", "iOS 17.4"],
      [UA.firefoxLinux, "Firefox 125", "Linux"],
      [UA.edgeMac, "Edge 124", "macOS"],
    ];
    for (const [ua] of expected) await login(db, admin.email, ua);

    const { caller } = await callerAs(db, "owner");
    const { devices } = await caller.devices.list({ userId: admin.id });
    expect(devices).toHaveLength(4);
    for (const [, browser, os] of expected) {
      const device = devices.find((d) => d.browser === browser);
      expect(device, browser).toMatchObject({ os, ip: "203.0.113.7", current: false });
      expect(device!.createdAt.getTime()).toBe(device!.lastSeenAt.getTime());
    }
  });

  test("an unknown or missing user agent still records the device, without a name", async ({ db }) => {
    const admin = await createStaff(db, "admin", { email: "noua@example.test" });
    const { sessionId } = await login(db, admin.email, null);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row).toMatchObject({ browser: null, os: null, ip: "203.0.113.7" });
  });

  test("last seen moves at most once a minute, and each move slides the idle expiry", async ({ db }) => {
    const admin = await createStaff(db, "admin", { email: "seen@example.test" });
    const { sessionId } = await login(db, admin.email, UA.firefoxLinux);
    const [first] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    const t0 = first!.lastSeenAt.getTime();

    await validateSession(db, sessionId, { idleDays: 30, now: new Date(t0 + 30_000) });
    await validateSession(db, sessionId, { idleDays: 30, now: new Date(t0 + 59_000) });
    const [unchanged] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(unchanged!.lastSeenAt.getTime()).toBe(t0);
    expect(unchanged!.expiresAt.getTime()).toBe(first!.expiresAt.getTime());

    const later = new Date(t0 + 61_000);
    await validateSession(db, sessionId, { idleDays: 30, now: later });
    const [moved] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(moved!.lastSeenAt.getTime()).toBe(later.getTime());
    expect(moved!.expiresAt.getTime()).toBe(later.getTime() + 30 * 86_400_000);

    await validateSession(db, sessionId, { idleDays: 30, now: new Date(later.getTime() + 20_000) });
    const [again] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(again!.lastSeenAt.getTime()).toBe(later.getTime());
  });

  test("a session idle for SESSION_IDLE_DAYS ends and leaves the device list", async ({ db }) => {
    const admin = await createStaff(db, "admin", { email: "idle@example.test" });
    const { sessionId } = await authenticate(
      db,
      { email: admin.email, password: TEST_PASSWORD, ip: "10.0.0.9", userAgent: UA.chromeWindows },
      { ...LIMITS, idleDays: 2 },
    );
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    const created = row!.createdAt.getTime();
    expect(row!.expiresAt.getTime() - created).toBeGreaterThan(2 * 86_400_000 - 60_000);
    expect(await validateSession(db, sessionId, { idleDays: 2, now: new Date(created + 86_400_000) })).not.toBeNull();
    // Used a day in, so it now lasts until two days after that use.
    expect(await validateSession(db, sessionId, { idleDays: 2, now: new Date(created + 2.5 * 86_400_000) })).not.toBeNull();
    expect(await validateSession(db, sessionId, { idleDays: 2, now: new Date(created + 5 * 86_400_000) })).toBeNull();

    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionId));
    const { caller } = await callerAs(db, "owner");
    expect((await caller.devices.list({ userId: admin.id })).devices).toEqual([]);
  });
});

describe("devices.mine and devices.list", () => {
  test("a staff member sees their own devices with this one marked", async ({ db }) => {
    const { caller, user, session } = await callerAs(db, "manager");
    const other = await createSession(db, user.id, { browser: "Firefox 125", os: "Linux" });
    const mine = await caller.devices.mine();
    expect(mine.user.id).toBe(user.id);
    expect(mine.devices.map((d) => [d.sessionId, d.current]).sort()).toEqual(
      [
        [session.id, true],
        [other.id, false],
      ].sort(),
    );
  });

  test("only admins and owners open a user's Devices tab; managers and customers are refused", async ({ db }) => {
    const target = await createStaff(db, "manager");
    await createSession(db, target.id);
    for (const role of ["manager", "customer"] as const) {
      const { caller } = await callerAs(db, role);
      await expectTRPCError(caller.devices.list({ userId: target.id }), "FORBIDDEN");
    }
    await expectTRPCError(anonymousCaller(db).devices.list({ userId: target.id }), "UNAUTHORIZED");
    const { caller: customer } = await callerAs(db, "customer");
    await expectTRPCError(customer.devices.mine(), "FORBIDDEN");
    for (const role of ["admin", "owner"] as const) {
      const { caller } = await callerAs(db, role);
      expect((await caller.devices.list({ userId: target.id })).devices).toHaveLength(1);
    }
  });

  test("devices exist on staff accounts only; a bad id names the field", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const customer = await createUser(db);
    const err = await expectTRPCError(caller.devices.list({ userId: customer.id }), "BAD_REQUEST");
    expect(err.message).toBe("userId: devices are kept for staff accounts only");
    await expectTRPCError(caller.devices.list({ userId: 987_654_321 }), "NOT_FOUND");
    const bad = await expectTRPCError(caller.devices.list({ userId: -1 as number }), "BAD_REQUEST");
    expect(bad.message).toMatch(/^userId:/);
  });

  test("an admin may view an owner's devices but not remove them", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const owner = await createStaff(db, "owner");
    const s = await createSession(db, owner.id);
    const view = await caller.devices.list({ userId: owner.id });
    expect(view.canManage).toBe(false);
    await expectTRPCError(caller.devices.revoke({ sessionId: s.id }), "FORBIDDEN");
    await expectTRPCError(caller.devices.revokeAll({ userId: owner.id }), "FORBIDDEN");
    expect(await alive(db, s.id)).toBe(true);
  });
});

describe("removing devices", () => {
  test("an admin removes a manager's device: its next request is signed out, its notifications go, it is audited", async ({ db }) => {
    const { caller, user: admin } = await callerAs(db, "admin");
    const manager = await createStaff(db, "manager");
    const { sessionId: phone } = await login(db, manager.email, UA.safariIphone);
    const { sessionId: laptop } = await login(db, manager.email, UA.chromeWindows);
    await subscribe(db, manager.id, phone, 1);

    await expect(caller.devices.revoke({ sessionId: phone })).resolves.toEqual({ revoked: true });

    expect(await alive(db, phone)).toBe(false);
    expect(await alive(db, laptop)).toBe(true);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.sessionId, phone))).toEqual([]);
    const list = await caller.devices.list({ userId: manager.id });
    expect(list.devices.map((d) => d.sessionId)).toEqual([laptop]);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "session.revoke"), eq(auditEvents.targetId, String(manager.id))));
    expect(audit).toMatchObject({
      actorId: admin.id,
      after: { reason: "device removed", browser: "Mobile Safari 17", os: "iOS 17.4", ip: "203.0.113.7" },
    });
    // Removing it again changes nothing and writes no second audit row.
    await expect(caller.devices.revoke({ sessionId: phone })).resolves.toEqual({ revoked: false });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "session.revoke"))).toHaveLength(1);
  });

  test("staff remove their own devices; managers may not remove anyone else's", async ({ db }) => {
    const { caller, user } = await callerAs(db, "manager");
    const mine = await createSession(db, user.id);
    await expect(caller.devices.revoke({ sessionId: mine.id })).resolves.toEqual({ revoked: true });

    const colleague = await createStaff(db, "manager");
    const theirs = await createSession(db, colleague.id);
    await expectTRPCError(caller.devices.revoke({ sessionId: theirs.id }), "FORBIDDEN");
    await expectTRPCError(caller.devices.revokeAll({ userId: colleague.id }), "FORBIDDEN");
    expect(await alive(db, theirs.id)).toBe(true);
    await expectTRPCError(caller.devices.revoke({ sessionId: "no-such-session" }), "NOT_FOUND");
    const empty = await expectTRPCError(caller.devices.revoke({ sessionId: "" }), "BAD_REQUEST");
    expect(empty.message).toMatch(/sessionId/);
  });

  test("log out everywhere ends every session of the user and keeps the caller's own when it is theirs", async ({ db }) => {
    const { caller, user, session } = await callerAs(db, "owner");
    const admin = await createStaff(db, "admin");
    const a = await createSession(db, admin.id);
    const b = await createSession(db, admin.id);
    await subscribe(db, admin.id, b.id, 2);
    await expect(caller.devices.revokeAll({ userId: admin.id })).resolves.toEqual({ revoked: 2 });
    expect(await alive(db, a.id)).toBe(false);
    expect(await alive(db, b.id)).toBe(false);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, admin.id))).toEqual([]);

    const own = await createSession(db, user.id);
    await expect(caller.devices.revokeAll({ userId: user.id })).resolves.toEqual({ revoked: 1 });
    expect(await alive(db, own.id)).toBe(false);
    expect(await alive(db, session.id)).toBe(true);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "session.revoke_all"));
    expect(audit.map((r) => r.targetId).sort()).toEqual([String(admin.id), String(user.id)].sort());
  });

  test("deactivating a user ends every device", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const manager = await createStaff(db, "manager");
    const { sessionId } = await login(db, manager.email, UA.edgeMac);
    await subscribe(db, manager.id, sessionId, 3);
    await caller.users.setStatus({ id: manager.id, status: "suspended" });
    expect(await alive(db, sessionId)).toBe(false);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, manager.id))).toEqual([]);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row?.revokedReason).toBe("status suspended");
  });

  test("a password reset, by emailed link or by an admin, ends every device", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const manager = await createStaff(db, "manager", { email: "reset-devices@example.test" });
    const first = await login(db, manager.email, UA.firefoxLinux);
    await subscribe(db, manager.id, first.sessionId, 4);

    smtp.received.length = 0;
    await anonymousCaller(db).passwords.requestReset({ email: manager.email });
    await drainOutbox({ db, transport: smtp.transport() });
    const mail = smtp.received.find((m) => m.to.includes(manager.email));
    const token = linkIn(mail!, "reset-password");
    await anonymousCaller(db).passwords.reset({ token, password: "plum-orbit-kettle-49-harbour" });
    expect(await alive(db, first.sessionId)).toBe(false);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, manager.id))).toEqual([]);

    const second = await createSession(db, manager.id);
    await caller.passwords.setTemporary({ userId: manager.id, password: "harbour-kettle-orbit-plum-94" });
    expect(await alive(db, second.id)).toBe(false);
    expect((await caller.devices.list({ userId: manager.id })).devices).toEqual([]);
  });
});
