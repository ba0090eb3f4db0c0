import { eq } from "drizzle-orm";
import { afterEach, describe, expect, onTestFinished } from "vitest";
import webpush from "web-push";
import {
  deletionRequests,
  groupMessageDismissals,
  groupMessages,
  pushSubscriptions,
  sessions,
  timelineEvents,
  users,
} from "@/db/schema";
import type { Database } from "@/db/client";
import { listProcedures } from "@/server/api/root";
import { setRestDatabase } from "@/server/api/rest";
import { setRouteContextResolver } from "@/server/api/route-context";
import { resetEnvCache } from "@/server/env";
import { Tier } from "@/server/schemas/common";
import { POST as postCustomer } from "@/app/api/v1/customers/route";
import { POST as postOrder } from "@/app/api/v1/orders/route";
import { POST as postPricing } from "@/app/api/v1/pricing/route";
import { POST as postProspectStage } from "@/app/api/v1/prospects/stage/route";
import { POST as postQuote } from "@/app/api/v1/quotes/route";
import { GET as getExport, POST as postExport } from "@/app/api/export/users/route";
import { test } from "../helpers/db";
import { createSession, createUser, TEST_PASSWORD } from "../helpers/factories";
import { addToGroup, createGroup } from "../helpers/groups";
import { expectTRPCError } from "../helpers/trpc-errors";
import {
  actorFor,
  callerFor,
  EVERYONE,
  fingerprint,
  inSavepoint,
  outcome,
  procedureOf,
  tierAdmits,
  type Actor,
  type Who,
} from "../helpers/procedures";

const PROCEDURES = listProcedures();
/** Deliberately invalid inputs: nothing a procedure accepts as a change (the NUL one shows roles are checked before input). */
const INVALID_INPUTS = [undefined, {}, { id: "\u0000", userId: "\u0000" }] as const;
/** Answers that would mean the tier check (or the server) failed a caller the tier admits. */
const NEVER_FOR_ADMITTED = new Set(["FORBIDDEN", "UNAUTHORIZED", "INTERNAL_SERVER_ERROR", "NOT_A_TRPC_ERROR"]);

/**
 * Mutations a manager may call, each with SPEC's reason. SPEC: managers "read users, groups, tags,
 * timelines; read all reports …; add timeline comments; nothing else". The others act only on the
 * caller's own account (no id of anyone else reaches them; the IDOR tests below hold that) or are
 * public links that carry their own token.
 */
const MANAGER_MAY_CALL: Record<string, string> = {
  "timeline.comments.add": "SPEC roles: managers add timeline comments",
  "timeline.comments.edit": "U7: staff edit their own comments; the service refuses anyone else's",
  "timeline.comments.delete": "U7: staff delete their own comments; the service refuses anyone else's",
  "devices.revoke": "D2: anyone on staff removes their own device; others' only for admins over accounts they manage",
  "devices.push.subscribe": "D3: a staff member subscribes their own browser to alerts",
  "devices.push.update": "D3: a staff member chooses the alerts of their own subscription",
  "devices.push.delete": "D3: a staff member removes their own subscription",
  "devices.push.test": "D3: 'send test notification' to one's own subscription",
  "session.revokeOthers": "D2/P1: log out one's own other sessions",
  "passwords.change": "U6: change one's own password",
  "account.preferences.update": "C2: one's own data preferences (any signed-in user)",
  "account.deletion.request": "C2: request deletion of one's own account",
  "account.deletion.withdraw": "C2: withdraw one's own deletion request",
  "groups.messages.dismiss": "G5: dismiss a login message addressed to oneself",
  "passwords.requestReset": "C3/U6: public 'forgot password', same answer for every address",
  "passwords.reset": "C3: public, authorised by the emailed single-use token",
  "invites.accept": "I2: public, authorised by the invite's single-use token",
  "email.confirm": "C3/S4: public, authorised by the emailed confirmation token",
};

async function callAs(db: Database, actor: Actor, path: string, input: unknown) {
  return inSavepoint(db, (tx) => outcome(() => procedureOf(callerFor(tx, actor), path)(input)));
}

describe("authorization matrix", () => {
  test("every procedure declares a tier that TIER_ROLES knows", () => {
    expect(PROCEDURES.length).toBeGreaterThan(50);
    const missing = PROCEDURES.filter((p) => !p.tier || !Tier.options.includes(p.tier)).map((p) => p.path);
    expect(missing, "procedures without a declared tier").toEqual([]);
  });

  for (const who of EVERYONE) {
    test(`as ${who}: refused below the tier, never refused (or 500) at or above it`, async ({ db }) => {
      const actor = await actorFor(db, who);
      const wrong: string[] = [];
      for (const proc of PROCEDURES) {
        if (!proc.tier) {
          wrong.push(`${proc.path}: no tier`);
          continue;
        }
        const admitted = tierAdmits(proc.tier, who);
        for (const input of INVALID_INPUTS) {
          const got = await callAs(db, actor, proc.path, input);
          const label = `${proc.path} [${proc.tier}] with ${JSON.stringify(input) ?? "undefined"}`;
          if (!admitted) {
            const expected = who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN";
            if (got.ok || got.code !== expected) wrong.push(`${label}: expected ${expected}, got ${got.ok ? "a result" : got.code}`);
          } else if (!got.ok && NEVER_FOR_ADMITTED.has(got.code)) {
            wrong.push(`${label}: admitted but got ${got.code} (${got.message})`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  test("a role refused by the tier changes nothing", async ({ db }) => {
    const before = await fingerprint(db);
    const actors = await Promise.all((["anonymous", "customer", "manager", "admin"] as const).map((w) => actorFor(db, w)));
    const afterActors = await fingerprint(db);
    for (const actor of actors) {
      const caller = callerFor(db, actor);
      for (const proc of PROCEDURES) {
        if (proc.type !== "mutation" || !proc.tier || tierAdmits(proc.tier, actor.who)) continue;
        // Plausible ids everywhere, so only the role check stands in the way; no savepoint, so a write would stay.
        const got = await outcome(() => procedureOf(caller, proc.path)({ id: 1, userId: actor.userId ?? 1, groupId: 1 }));
        expect(got.ok ? "a result" : got.code, proc.path).toBe(actor.who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN");
      }
    }
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(await fingerprint(db)).toEqual(afterActors);
  });

  test("a user holding a temporary password gets FORBIDDEN everywhere but session.me and passwords.change", async ({ db }) => {
    const actor = await actorFor(db, "owner", { mustChangePassword: true });
    const wrong: string[] = [];
    for (const proc of PROCEDURES) {
      if (proc.tier === "public") continue;
      const got = await callAs(db, actor, proc.path, {});
      const allowed = proc.path === "session.me" || proc.path === "passwords.change";
      if (allowed ? !got.ok && NEVER_FOR_ADMITTED.has(got.code) : got.ok || got.code !== "FORBIDDEN") {
        wrong.push(`${proc.path}: ${got.ok ? "a result" : got.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("managers never write", () => {
  test("the only mutations a manager passes are the listed exceptions", () => {
    const open = PROCEDURES.filter((p) => p.type === "mutation" && p.tier && tierAdmits(p.tier, "manager"))
      .map((p) => p.path)
      .sort();
    expect(open).toEqual(Object.keys(MANAGER_MAY_CALL).sort());
  });

  test("every other mutation is FORBIDDEN to a manager, with plausible input, and writes nothing", async ({ db }) => {
    const manager = await actorFor(db, "manager");
    const customer = await createUser(db);
    const before = await fingerprint(db);
    const caller = callerFor(db, manager);
    const refused: string[] = [];
    for (const proc of PROCEDURES) {
      if (proc.type !== "mutation" || proc.path in MANAGER_MAY_CALL) continue;
      const got = await outcome(() => procedureOf(caller, proc.path)({ id: customer.id, userId: customer.id, ids: [customer.id] }));
      if (got.ok || got.code !== "FORBIDDEN") refused.push(`${proc.path}: ${got.ok ? "a result" : got.code}`);
    }
    expect(refused).toEqual([]);
    expect(await fingerprint(db)).toEqual(before);
  });
});

describe("IDOR: a customer reaches only their own data", () => {
  async function twoCustomers(db: Database) {
    const a = await actorFor(db, "customer");
    const b = await actorFor(db, "customer");
    return { a, b, callerA: callerFor(db, a), callerB: callerFor(db, b) };
  }

  test("preferences: no id is accepted, and a change touches only the caller", async ({ db }) => {
    const { a, b, callerA, callerB } = await twoCustomers(db);
    const bBefore = await callerB.account.preferences.get();
    const smuggled = { newsletter: true, userId: b.userId, id: b.userId } as unknown as { newsletter: boolean };
    await expectTRPCError(callerA.account.preferences.update(smuggled), "BAD_REQUEST");
    const get = callerA.account.preferences.get as unknown as (i: unknown) => ReturnType<typeof callerA.account.preferences.get>;
    expect(await get({ userId: b.userId })).toEqual(await callerA.account.preferences.get());
    await callerA.account.preferences.update({ newsletter: true, offers: true, sms: true });
    expect(await callerB.account.preferences.get()).toEqual(bBefore);
    expect(a.userId).not.toBe(b.userId);
  });

  test("export and deletion requests ignore a smuggled user id", async ({ db }) => {
    const { a, b, callerA } = await twoCustomers(db);
    const [bUser] = await db.select().from(users).where(eq(users.id, b.userId!));
    const exportAs = callerA.account.export as unknown as (i: unknown) => Promise<Record<string, unknown>>;
    const data = JSON.stringify(await exportAs({ userId: b.userId, id: b.userId }));
    expect(data).not.toContain(bUser!.email);

    const request = callerA.account.deletion.request as unknown as (i: unknown) => Promise<{ id: number }>;
    const { id } = await request({ reason: "x", userId: b.userId });
    const [row] = await db.select().from(deletionRequests).where(eq(deletionRequests.id, id));
    expect(row?.userId).toBe(a.userId);
    expect(await db.select().from(deletionRequests).where(eq(deletionRequests.userId, b.userId!))).toEqual([]);
  });

  test("group login messages: dismissing a message of someone else's group is NOT_FOUND and records nothing", async ({ db }) => {
    const { b, callerA } = await twoCustomers(db);
    const group = await createGroup(db);
    await addToGroup(db, group.id, [b.userId!]);
    const [message] = await db.insert(groupMessages).values({ groupId: group.id, title: "Hi", body: "For B's group" }).returning();
    expect(await callerA.groups.messages.mine()).toEqual([]);
    await expectTRPCError(callerA.groups.messages.dismiss({ id: message!.id }), "NOT_FOUND");
    expect(await db.select().from(groupMessageDismissals)).toEqual([]);
  });

  test("passwords.change and session.revokeOthers act on the caller only", async ({ db }) => {
    const { a, b, callerA } = await twoCustomers(db);
    const bSecond = await createSession(db, b.userId!);
    const hashOf = async (id: number) => (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0]?.h;
    const bHash = await hashOf(b.userId!);
    const change = callerA.passwords.change as unknown as (i: unknown) => Promise<unknown>;
    await change({ userId: b.userId, currentPassword: TEST_PASSWORD, newPassword: "a brand new long passphrase 2026" });
    expect(await hashOf(b.userId!)).toBe(bHash);
    expect(await hashOf(a.userId!)).not.toBe(bHash);
    const revokeOthers = callerA.session.revokeOthers as unknown as (i: unknown) => Promise<unknown>;
    await revokeOthers({ userId: b.userId });
    const bSessions = await db.select().from(sessions).where(eq(sessions.userId, b.userId!));
    expect(bSessions.map((s) => s.revokedAt)).toEqual([null, null]);
    expect(bSessions.map((s) => s.id).sort()).toEqual([b.session!.sessionId, bSecond.id].sort());
  });
});

describe("IDOR: staff reach only their own devices and comments", () => {
  async function subscription(db: Database, actor: Actor) {
    const [row] = await db
      .insert(pushSubscriptions)
      .values({
        userId: actor.userId!,
        sessionId: actor.session!.sessionId,
        endpoint: `https://push.example.test/sub/${actor.session!.sessionId}`,
        p256dh: "B".repeat(87),
        auth: "A".repeat(22),
        alerts: ["new_order"],
      })
      .returning();
    return row!;
  }

  test("a manager cannot remove another staff member's device or push subscription", async ({ db }) => {
    // With VAPID keys configured, so the test action reaches its ownership check.
    const vapid = webpush.generateVAPIDKeys();
    process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
    process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
    process.env.VAPID_SUBJECT = "mailto:ops@example.test";
    resetEnvCache();
    onTestFinished(() => {
      for (const v of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"]) delete process.env[v];
      resetEnvCache();
    });
    const manager = await actorFor(db, "manager");
    const other = await actorFor(db, "manager");
    const owner = await actorFor(db, "owner");
    const sub = await subscription(db, other);
    const before = await fingerprint(db);
    const caller = callerFor(db, manager);
    for (const victim of [other, owner]) {
      const got = await outcome(() => caller.devices.revoke({ sessionId: victim.session!.sessionId }));
      expect(got.ok ? "a result" : got.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    }
    for (const call of [
      () => caller.devices.push.delete({ id: sub.id }),
      () => caller.devices.push.update({ id: sub.id, alerts: ["new_quote"] }),
      () => caller.devices.push.test({ id: sub.id }),
    ]) {
      const got = await outcome(call);
      expect(got.ok ? "a result" : got.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  test("a comment is edited or deleted only by its author, whatever the other's role", async ({ db }) => {
    const customer = await createUser(db);
    const author = await actorFor(db, "manager");
    const comment = await callerFor(db, author).timeline.comments.add({ userId: customer.id, body: "Original" });
    const before = await fingerprint(db);
    for (const who of ["manager", "admin", "owner"] as const) {
      const other = callerFor(db, await actorFor(db, who));
      const mid = await fingerprint(db);
      for (const call of [
        () => other.timeline.comments.edit({ id: comment.id, body: "Hijacked" }),
        () => other.timeline.comments.delete({ id: comment.id }),
      ]) {
        const got = await outcome(call);
        expect(got.ok ? "a result" : got.code, who).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      }
      expect(await fingerprint(db)).toEqual(mid);
    }
    const [row] = await db.select().from(timelineEvents).where(eq(timelineEvents.id, comment.id));
    expect(JSON.stringify(row)).toContain("Original");
    expect(JSON.stringify(row)).not.toContain("Hijacked");
    expect(Object.keys(before).length).toBeGreaterThan(0);
    // A customer cannot even read another user's timeline.
    const customerCaller = callerFor(db, await actorFor(db, "customer"));
    await expectTRPCError(customerCaller.timeline.list({ userId: customer.id }), "FORBIDDEN");
  });
});

describe("REST routes", () => {
  afterEach(() => {
    setRestDatabase(null);
    setRouteContextResolver(null);
  });

  const V1 = {
    "/api/v1/customers": postCustomer,
    "/api/v1/orders": postOrder,
    "/api/v1/pricing": postPricing,
    "/api/v1/prospects/stage": postProspectStage,
    "/api/v1/quotes": postQuote,
  } as const;

  test("every /api/v1 route answers 401 JSON without a key or with a wrong one, and writes nothing", async ({ db }) => {
    setRestDatabase(db);
    const { secret } = await callerFor(db, await actorFor(db, "owner")).apiKeys.create({ name: "Storefront" });
    const before = await fingerprint(db);
    const wrongKeys = [undefined, "", "Bearer", "Bearer um_not-a-real-key", `Bearer ${secret.slice(0, -1)}x`, secret, `Basic ${secret}`];
    for (const [path, handler] of Object.entries(V1)) {
      for (const auth of wrongKeys) {
        const res = await handler(
          new Request(`http://localhost${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...(auth !== undefined ? { authorization: auth } : {}) },
            body: JSON.stringify({ email: "x@example.test" }),
          }),
        );
        expect(res.status, `${path} with ${auth ?? "no key"}`).toBe(401);
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
        expect((await res.json()).error.code).toBe("unauthorized");
      }
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  test("the users export refuses anonymous callers, customers and managers", async ({ db }) => {
    for (const [who, status] of [
      ["anonymous", 401],
      ["customer", 403],
      ["manager", 403],
    ] as [Who, number][]) {
      const actor = await actorFor(db, who);
      setRouteContextResolver(async () => ({ db, ip: "127.0.0.1", session: actor.session }));
      const post = await postExport(
        new Request("http://localhost/api/export/users", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      );
      const get = await getExport(new Request("http://localhost/api/export/users?columns=email"));
      for (const res of [post, get]) {
        expect(res.status, who).toBe(status);
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
      }
    }
  });
});
