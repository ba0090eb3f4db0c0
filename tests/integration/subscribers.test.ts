import { and, eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { consents, emailOutbox, emailTokens, settings, subscriberImports, timelineEvents, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/client";
import { SUBSCRIBER_CHUNK } from "@/server/schemas/subscribers";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs, type Caller } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";

type Action = "subscribe" | "unsubscribe";

/** Pastes `lines` the way the page does: create, upload in chunks, check. */
async function paste(caller: Caller, lines: string[], action: Action = "subscribe", checks = {}) {
  const { id } = await caller.subscribers.imports.create({ action, checks });
  for (let i = 0; i < lines.length; i += SUBSCRIBER_CHUNK) {
    await caller.subscribers.imports.upload({ id, startLine: i + 1, lines: lines.slice(i, i + SUBSCRIBER_CHUNK) });
  }
  return { id, summary: await caller.subscribers.imports.check({ id }) };
}

const count = async (db: Database, q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db, q))[0]?.n ?? 0);

describe("subscriber preview", () => {
  test("a crafted list: every check, counts and reasons, and nothing written before applying", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const off = await createUser(db, { email: "off@example.com", subscribed: false });
    const on = await createUser(db, { email: "on@example.com", subscribed: true, subscriptionConfirmedAt: new Date() });
    const lines = [
      "alice@example.com", // 1 new
      "ALICE@example.com", // 2 duplicate of 1
      "Bob Smith <bob@example.com>", // 3 new
      "not an email", // 4
      "carol@@example.com", // 5
      "dave@example", // 6 syntax: no dot
      "info@example.com", // 7 role
      "eve@mailinator.com", // 8 disposable
      "frank@gmial.com", // 9 typo
      "OFF@example.com", // 10 updated
      on.email, // 11 unchanged
      "", // 12 blank: ignored
      "grace@hotmial.com", // 13 typo
      "x..y@example.com", // 14 syntax
      "sales+eu@example.com", // 15 role with a tag
    ];
    const usersBefore = await count(db, sql`SELECT count(*)::int AS n FROM users`);
    const { id, summary } = await paste(admin, lines);
    expect(summary).toMatchObject({ status: "checked", lineCount: 14, counts: { new: 2, updated: 1, unchanged: 1, rejected: 10 } });
    expect(Object.fromEntries(summary.reasons.map((r) => [r.reason, r.count]))).toEqual({
      "Not an email address": 2,
      "Invalid syntax": 2,
      "Likely typo": 2,
      "Role address": 2,
      "Disposable domain": 1,
      Duplicate: 1,
    });
    const rejected = await admin.subscribers.imports.lines({ id, outcome: "rejected", limit: 50 });
    const byLine = Object.fromEntries(rejected.items.map((l) => [l.lineNo, l]));
    expect(byLine[2]?.reason).toBe("Duplicate: same address as line 1");
    expect(byLine[9]).toMatchObject({ reason: "Likely typo: gmial.com is probably gmail.com", suggestion: "frank@gmail.com" });
    expect(byLine[13]?.suggestion).toBe("grace@hotmail.com");
    expect(byLine[6]?.reason).toMatch(/^Invalid syntax: the domain has no dot/);
    expect(byLine[8]?.reason).toMatch(/^Disposable domain: mailinator.com/);
    expect(byLine[15]?.reason).toMatch(/^Role address: sales\+eu@/);
    const news = await admin.subscribers.imports.lines({ id, outcome: "new" });
    expect(news.items.map((l) => [l.lineNo, l.email])).toEqual([
      [1, "alice@example.com"],
      [3, "bob@example.com"],
    ]);
    const csv = await admin.subscribers.imports.csv({ id });
    expect(csv.split("\r\n")[0]).toBe("line,input,email,outcome,reason,suggestion");
    expect(csv).toContain("9,frank@gmial.com,frank@gmial.com,rejected,Likely typo: gmial.com is probably gmail.com,frank@gmail.com");
    expect(csv).toContain('3,Bob Smith <bob@example.com>,bob@example.com,new,,');
    // Preview only: nothing has changed.
    expect(await count(db, sql`SELECT count(*)::int AS n FROM users`)).toBe(usersBefore);
    expect((await db.select().from(users).where(eq(users.id, off.id)))[0]?.subscribed).toBe(false);
    expect(await db.select().from(consents)).toEqual([]);
  });

  test("checks left off let those lines through; duplicates are merged, never applied twice", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const { summary } = await paste(admin, ["info@example.com", "eve@mailinator.com", "frank@gmial.com", "a@b.c0m", "dup@example.com", "DUP@example.com"], "subscribe", {
      syntax: false,
      duplicates: false,
      role: false,
      disposable: false,
      typos: false,
    });
    expect(summary.counts).toEqual({ new: 5, updated: 0, unchanged: 1, rejected: 0 });
  });

  test("unsubscribing: known subscribers updated, unknown addresses left alone", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const on = await createUser(db, { email: "leaving@example.com", subscribed: true, subscriptionConfirmedAt: new Date() });
    const { id, summary } = await paste(admin, [on.email, "stranger@example.com"], "unsubscribe");
    expect(summary.counts).toEqual({ new: 0, updated: 1, unchanged: 1, rejected: 0 });
    const before = await admin.users.summary();
    await expect(admin.subscribers.imports.execute({ id })).resolves.toEqual({ created: 0, updated: 1, confirmationsQueued: 0 });
    expect(await admin.users.summary()).toMatchObject({ subscribed: before.subscribed - 1, all: before.all });
    const [c] = await db.select().from(consents).where(eq(consents.userId, on.id));
    expect(c).toMatchObject({ kind: "newsletter", granted: false, source: expect.stringMatching(/^pasted list #\d+ by /) });
    await expect(admin.subscribers.imports.execute({ id })).rejects.toThrow(/^id: this list was already applied/);
  });
});

describe("applying", () => {
  test("subscribes atomically with consent and timeline per address; unknown addresses become subscriber records", async ({ db }) => {
    const { caller: admin, user: me } = await callerAs(db, "admin");
    const off = await createUser(db, { email: "off@example.com", subscribed: false });
    const before = await admin.users.summary();
    const { id } = await paste(admin, ["new1@example.com", "new2@example.com", "off@example.com", "bad"]);
    await expect(admin.subscribers.imports.execute({ id })).resolves.toEqual({ created: 2, updated: 1, confirmationsQueued: 0 });
    expect(await admin.users.summary()).toEqual({ ...before, all: before.all + 2, subscribed: before.subscribed + 3 });
    const [created] = await db.select().from(users).where(eq(users.email, "new1@example.com"));
    expect(created).toMatchObject({ source: "subscriber", subscribed: true, passwordHash: null });
    expect(created!.subscriptionConfirmedAt).not.toBeNull();
    const rows = await db.select().from(consents);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.kind === "newsletter" && r.granted && r.actorId === me.id && r.createdAt instanceof Date)).toBe(true);
    const tl = await db.select().from(timelineEvents).where(and(eq(timelineEvents.userId, off.id), eq(timelineEvents.kind, "consent")));
    expect(tl.map((t) => t.summary)).toEqual([expect.stringMatching(/^Subscribed to the newsletter by /)]);
    expect((await db.select().from(subscriberImports).where(eq(subscriberImports.id, id)))[0]?.status).toBe("applied");
  });

  test("double opt-in: confirmation emails go out and the Subscribed count moves only on confirming", async ({ db }) => {
    await db.update(settings).set({ doubleOptIn: true });
    const { caller: admin } = await callerAs(db, "admin");
    const before = await admin.users.summary();
    const { id, summary } = await paste(admin, ["optin@example.com", "o'brien@example.com"]);
    expect(summary.doubleOptIn).toBe(true);
    await expect(admin.subscribers.imports.execute({ id })).resolves.toEqual({ created: 2, updated: 0, confirmationsQueued: 2 });
    expect(await admin.users.summary()).toMatchObject({ subscribed: before.subscribed, all: before.all + 2 });
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "subscription_confirm"));
    expect(mails).toHaveLength(2);
    const irish = mails.find((m) => m.toAddress === "o'brien@example.com");
    expect(irish?.html).toContain("o&#39;brien@example.com");
    expect(irish?.text).toMatch(/^Hello,\n/);
    expect(irish?.timelineEventId).not.toBeNull();
    const token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(irish!.text)?.[1];
    expect(token).toBeDefined();
    expect(await db.select().from(emailTokens)).toHaveLength(2);
    await expect(anonymousCaller(db).email.confirm({ token: token! })).resolves.toMatchObject({ purpose: "subscription_confirm" });
    expect(await admin.users.summary()).toMatchObject({ subscribed: before.subscribed + 1 });
    await expect(anonymousCaller(db).email.confirm({ token: token! })).rejects.toThrow(/already been used/);
  });

  test("100,000 addresses (half known): a failure on one row leaves everything as it was", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    await db.execute(sql`INSERT INTO users (email, source, status) SELECT 'known' || g || '@bulk.example.com', 'import', 'approved' FROM generate_series(1, 50000) g`);
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? `known${(i + 1) / 2}@bulk.example.com` : `fresh${i / 2}@bulk.example.com`));
    const { id, summary } = await paste(admin, lines);
    expect(summary.counts).toEqual({ new: 50_000, updated: 50_000, unchanged: 0, rejected: 0 });
    const [victim] = await db.select().from(users).where(eq(users.email, "known25000@bulk.example.com"));
    await db.execute(sql.raw(`CREATE FUNCTION fail_consent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.user_id = ${victim!.id} THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$`));
    await db.execute(sql.raw(`CREATE TRIGGER fail_consent BEFORE INSERT ON consents FOR EACH ROW EXECUTE FUNCTION fail_consent()`));
    const before = await admin.users.summary();
    await expect(admin.subscribers.imports.execute({ id })).rejects.toThrow();
    expect(await admin.users.summary()).toEqual(before);
    expect(await count(db, sql`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@bulk.example.com'`)).toBe(50_000);
    expect(await count(db, sql`SELECT count(*)::int AS n FROM users WHERE subscribed AND email LIKE '%@bulk.example.com'`)).toBe(0);
    expect(await db.select().from(consents)).toEqual([]);
    expect((await db.select().from(subscriberImports).where(eq(subscriberImports.id, id)))[0]?.status).toBe("checked");

    await db.execute(sql`DROP TRIGGER fail_consent ON consents`);
    await expect(admin.subscribers.imports.execute({ id })).resolves.toEqual({ created: 50_000, updated: 50_000, confirmationsQueued: 0 });
    expect(await admin.users.summary()).toMatchObject({ subscribed: before.subscribed + 100_000 });
    expect(await count(db, sql`SELECT count(*)::int AS n FROM consents`)).toBe(100_000);
  }, 300_000);

  test("bad input names the field and writes nothing", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const { id } = await admin.subscribers.imports.create({ action: "subscribe" });
    await expect(admin.subscribers.imports.upload({ id, startLine: 1, lines: ["x".repeat(1001)] })).rejects.toThrow(/lines\.0: A line is longer than 1,000 characters/);
    await expect(admin.subscribers.imports.check({ id })).rejects.toThrow(/^lines: the list is empty/);
    await expect(admin.subscribers.imports.execute({ id })).rejects.toThrow(/^id: check the list first/);
    await expect(admin.subscribers.imports.create({ action: "delete" as never })).rejects.toThrow(/action/);
  });
});

describe("who may", () => {
  test("customers and managers are refused; one admin cannot reach another admin's list", async ({ db }) => {
    const { caller: admin } = await callerAs(db, "admin");
    const { id } = await paste(admin, ["someone@example.com"]);
    for (const role of ["customer", "manager"] as const) {
      const { caller } = await callerAs(db, role);
      await expectTRPCError(caller.subscribers.imports.create({ action: "subscribe" }), "FORBIDDEN");
      await expectTRPCError(caller.subscribers.imports.upload({ id, startLine: 1, lines: ["a@example.com"] }), "FORBIDDEN");
      await expectTRPCError(caller.subscribers.imports.check({ id }), "FORBIDDEN");
      await expectTRPCError(caller.subscribers.imports.get({ id }), "FORBIDDEN");
      await expectTRPCError(caller.subscribers.imports.lines({ id }), "FORBIDDEN");
      await expectTRPCError(caller.subscribers.imports.csv({ id }), "FORBIDDEN");
      await expectTRPCError(caller.subscribers.imports.execute({ id }), "FORBIDDEN");
    }
    const { caller: other } = await callerAs(db, "admin");
    await expectTRPCError(other.subscribers.imports.execute({ id }), "NOT_FOUND");
    await expectTRPCError(anonymousCaller(db).subscribers.imports.get({ id }), "UNAUTHORIZED");
    expect(await db.select().from(consents)).toEqual([]);
  });
});
