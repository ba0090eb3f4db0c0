import { eq } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from "vitest";
import { auditEvents, pushSubscriptions, sessions } from "@/db/schema";
import { resetEnvCache } from "@/server/env";
import { notifyStaff } from "@/server/push/notify";
import { configurePushTransport } from "@/server/push/web-push";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs, type Caller } from "../helpers/callers";
import { createSession } from "../helpers/factories";
import { browserKeys, decryptPush, LocalPushService, type BrowserKeys } from "../helpers/push-service";
import { expectTRPCError } from "../helpers/trpc-errors";

const pushService = new LocalPushService();
const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@example.test" };
const VAPID_VARS = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const;

beforeAll(async () => {
  await pushService.start();
  configurePushTransport({ agent: pushService.agent, timeoutMs: 5_000 });
});
afterAll(async () => {
  configurePushTransport({});
  await pushService.stop();
});
beforeEach(() => {
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  process.env.VAPID_SUBJECT = vapid.subject;
  resetEnvCache();
  pushService.received.length = 0;
  pushService.status.clear();
});
afterEach(() => {
  for (const v of VAPID_VARS) delete process.env[v];
  resetEnvCache();
});

let n = 0;
async function subscribeBrowser(caller: Caller, alerts: Array<"new_order" | "new_quote" | "subscriber_import"> = ["new_order"]) {
  const keys = browserKeys();
  const path = `sub-${++n}`;
  const { id } = await caller.devices.push.subscribe({
    endpoint: pushService.endpoint(path),
    keys: { p256dh: keys.p256dh, auth: keys.auth },
    alerts,
  });
  return { id, keys, path: `/push/${path}` };
}

function receivedAt(path: string, keys: BrowserKeys) {
  const hits = pushService.received.filter((r) => r.path === path);
  return hits.map((r) => decryptPush(r.body, keys));
}

describe("web push delivery", () => {
  test("notifyStaff encrypts the alert for each subscribed browser, signed with our VAPID key", async ({ db }) => {
    const manager = await callerAs(db, "manager");
    const admin = await callerAs(db, "admin");
    const wantsOrders = await subscribeBrowser(manager.caller, ["new_order", "new_quote"]);
    const wantsQuotes = await subscribeBrowser(admin.caller, ["new_quote"]);

    const alert = { alert: "new_order" as const, title: "New order #1042", body: "£120.00 from Ada Lovelace", url: "/users/42" };
    await expect(notifyStaff(db, alert)).resolves.toEqual({ sent: 1, removed: 0, failed: 0 });

    expect(receivedAt(wantsOrders.path, wantsOrders.keys)).toEqual([
      { title: "New order #1042", body: "£120.00 from Ada Lovelace", url: "/users/42", tag: "new_order" },
    ]);
    expect(receivedAt(wantsQuotes.path, wantsQuotes.keys)).toEqual([]);
    const [hit] = pushService.received;
    expect(hit?.headers["content-encoding"]).toBe("aes128gcm");
    expect(hit?.headers.ttl).toBe("86400");
    const auth = String(hit?.headers.authorization);
    expect(auth).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`));
    const claims = JSON.parse(Buffer.from(auth.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ aud: new URL(pushService.endpoint("x")).origin, sub: vapid.subject });
    const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, wantsOrders.id));
    expect(row?.lastSentAt).toBeInstanceOf(Date);
  });

  test("a subscription the push service reports gone (410, 404) is removed; other failures are kept and noted", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const gone = await subscribeBrowser(caller);
    const missing = await subscribeBrowser(caller);
    const flaky = await subscribeBrowser(caller);
    const fine = await subscribeBrowser(caller);
    pushService.status.set(gone.path, 410);
    pushService.status.set(missing.path, 404);
    pushService.status.set(flaky.path, 503);

    const result = await notifyStaff(db, { alert: "new_order", title: "t", body: "b", url: "/dashboard" });
    expect(result).toEqual({ sent: 1, removed: 2, failed: 1 });
    const left = await db.select().from(pushSubscriptions);
    expect(left.map((r) => r.id).sort()).toEqual([flaky.id, fine.id].sort());
    expect(left.find((r) => r.id === flaky.id)).toMatchObject({ failures: 1, lastError: "The push service answered 503" });
    expect(receivedAt(fine.path, fine.keys)).toHaveLength(1);
  });

  test("signed-out devices and users who are no longer staff get nothing; a foreign url becomes the dashboard", async ({ db }) => {
    const revoked = await callerAs(db, "manager");
    const demoted = await callerAs(db, "admin");
    const live = await callerAs(db, "owner");
    await subscribeBrowser(revoked.caller);
    await subscribeBrowser(demoted.caller);
    const ok = await subscribeBrowser(live.caller);
    await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, revoked.session.id));
    const { users } = await import("@/db/schema");
    await db.update(users).set({ role: "customer" }).where(eq(users.id, demoted.user.id));

    await expect(notifyStaff(db, { alert: "new_order", title: "t", body: "b", url: "https://evil.example/" })).resolves.toEqual({
      sent: 1,
      removed: 0,
      failed: 0,
    });
    expect(receivedAt(ok.path, ok.keys)).toEqual([{ title: "t", body: "b", url: "/dashboard", tag: "new_order" }]);
  });

  test("without VAPID keys nothing is sent and the test action says why", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const sub = await subscribeBrowser(caller);
    for (const v of VAPID_VARS) delete process.env[v];
    resetEnvCache();
    await expect(notifyStaff(db, { alert: "new_order", title: "t", body: "b", url: "/" })).resolves.toEqual({ sent: 0, removed: 0, failed: 0 });
    const err = await expectTRPCError(caller.devices.push.test({ id: sub.id }), "CONFLICT");
    expect(err.message).toMatch(/not configured/);
    expect((await caller.devices.push.config()).publicKey).toBeNull();
    expect(pushService.received).toEqual([]);
  });
});

describe("devices.push procedures", () => {
  test("a staff member subscribes this browser, sees it on this device, changes alerts, sends a test, removes it", async ({ db }) => {
    const { caller, user, session } = await callerAs(db, "manager");
    expect((await caller.devices.push.config()).publicKey).toBe(vapid.publicKey);
    const sub = await subscribeBrowser(caller, ["new_order", "new_order", "subscriber_import"]);

    const mine = await caller.devices.mine();
    const device = mine.devices.find((d) => d.current);
    expect(device?.sessionId).toBe(session.id);
    expect(device?.subscriptions).toEqual([
      expect.objectContaining({ id: sub.id, alerts: ["new_order", "subscriber_import"], service: "127.0.0.1", endpoint: pushService.endpoint(`sub-${n}`) }),
    ]);

    await caller.devices.push.update({ id: sub.id, alerts: ["new_quote"] });
    await expect(notifyStaff(db, { alert: "new_order", title: "t", body: "b", url: "/" })).resolves.toMatchObject({ sent: 0 });

    await expect(caller.devices.push.test({ id: sub.id })).resolves.toEqual({ sent: 1, removed: 0, failed: 0 });
    expect(receivedAt(sub.path, sub.keys)).toEqual([
      { title: "Test notification", body: "Notifications from User Manager reach this browser.", url: "/profile", tag: "test" },
    ]);

    await caller.devices.push.delete({ id: sub.id });
    expect(await db.select().from(pushSubscriptions)).toEqual([]);
    const actions = (await db.select().from(auditEvents).where(eq(auditEvents.targetId, String(user.id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["push.subscribe", "push.update", "push.unsubscribe"]));
  });

  test("subscribing the same browser again moves it to the new session instead of duplicating it", async ({ db }) => {
    const { caller, user } = await callerAs(db, "admin");
    const keys = browserKeys();
    const input = { endpoint: pushService.endpoint("same"), keys: { p256dh: keys.p256dh, auth: keys.auth }, alerts: ["new_order" as const] };
    const first = await caller.devices.push.subscribe(input);
    const later = await createSession(db, user.id);
    const { createCaller } = await import("@/server/api/root");
    const second = createCaller({
      db,
      session: { sessionId: later.id, user: { id: user.id, email: user.email, name: "x", role: "admin", sessionId: later.id, mustChangePassword: false } },
      ip: "127.0.0.1",
      userAgent: "vitest",
    });
    const again = await second.devices.push.subscribe({ ...input, alerts: ["new_quote"] });
    expect(again.id).toBe(first.id);
    const rows = await db.select().from(pushSubscriptions);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sessionId: later.id, alerts: ["new_quote"] });
  });

  test("bad subscriptions are refused naming the field, and nothing is stored", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const keys = browserKeys();
    const good = { endpoint: pushService.endpoint("bad"), keys: { p256dh: keys.p256dh, auth: keys.auth }, alerts: ["new_order" as const] };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...good, endpoint: "http://push.example.test/x" }, /^endpoint: endpoint must be an https:\/\/ URL/],
      [{ ...good, endpoint: "not a url" }, /^endpoint:/],
      [{ ...good, keys: { ...good.keys, p256dh: "short" } }, /^keys\.p256dh:/],
      [{ ...good, keys: { ...good.keys, auth: "!!!!!!!!!!!!!!!!!!!!!!" } }, /^keys\.auth:/],
      [{ ...good, alerts: [] }, /^alerts: Choose at least one alert/],
      [{ ...good, alerts: ["everything"] }, /^alerts\.0:/],
    ];
    for (const [input, message] of cases) {
      const err = await expectTRPCError(caller.devices.push.subscribe(input as typeof good), "BAD_REQUEST");
      expect(err.message).toMatch(message);
    }
    expect(await db.select().from(pushSubscriptions)).toEqual([]);
  });

  test("nobody changes, tests or sees the endpoint of someone else's subscription; admins may remove a staff member's", async ({ db }) => {
    const manager = await callerAs(db, "manager");
    const colleague = await callerAs(db, "manager");
    const admin = await callerAs(db, "admin");
    const owner = await callerAs(db, "owner");
    const sub = await subscribeBrowser(manager.caller);
    const ownerSub = await subscribeBrowser(owner.caller);

    await expectTRPCError(colleague.caller.devices.push.update({ id: sub.id, alerts: ["new_quote"] }), "NOT_FOUND");
    await expectTRPCError(colleague.caller.devices.push.test({ id: sub.id }), "NOT_FOUND");
    await expectTRPCError(colleague.caller.devices.push.delete({ id: sub.id }), "FORBIDDEN");
    await expectTRPCError(admin.caller.devices.push.update({ id: sub.id, alerts: ["new_quote"] }), "NOT_FOUND");
    await expectTRPCError(admin.caller.devices.push.delete({ id: ownerSub.id }), "FORBIDDEN");

    const listed = await admin.caller.devices.list({ userId: manager.user.id });
    expect(listed.devices[0]?.subscriptions[0]).toMatchObject({ id: sub.id, endpoint: null, service: "127.0.0.1" });
    await admin.caller.devices.push.delete({ id: sub.id });
    expect((await db.select().from(pushSubscriptions)).map((r) => r.id)).toEqual([ownerSub.id]);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "push.unsubscribe"));
    expect(audit).toMatchObject({ actorId: admin.user.id, targetId: String(manager.user.id) });
    expect(pushService.received).toEqual([]);
  });

  test("customers and anonymous callers are refused every push procedure", async ({ db }) => {
    const { caller } = await callerAs(db, "customer");
    const keys = browserKeys();
    const input = { endpoint: pushService.endpoint("c"), keys: { p256dh: keys.p256dh, auth: keys.auth }, alerts: ["new_order" as const] };
    await expectTRPCError(caller.devices.push.config(), "FORBIDDEN");
    await expectTRPCError(caller.devices.push.subscribe(input), "FORBIDDEN");
    await expectTRPCError(caller.devices.push.update({ id: 1, alerts: ["new_order"] }), "FORBIDDEN");
    await expectTRPCError(caller.devices.push.delete({ id: 1 }), "FORBIDDEN");
    await expectTRPCError(caller.devices.push.test({ id: 1 }), "FORBIDDEN");
    await expectTRPCError(caller.devices.revoke({ sessionId: "x" }), "FORBIDDEN");
    await expectTRPCError(anonymousCaller(db).devices.push.subscribe(input), "UNAUTHORIZED");
    expect(await db.select().from(pushSubscriptions)).toEqual([]);
  });

  test("removing the device the browser subscribed on removes its subscription", async ({ db }) => {
    const { caller, session } = await callerAs(db, "admin");
    await subscribeBrowser(caller);
    const owner = await callerAs(db, "owner");
    await owner.caller.devices.revoke({ sessionId: session.id });
    expect(await db.select().from(pushSubscriptions)).toEqual([]);
  });
});
