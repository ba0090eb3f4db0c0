import { TRPCError } from "@trpc/server";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { emailOutbox, timelineEvents } from "@/db/schema";
import { openDatabase, queryRows, type Database } from "@/db/client";
import { enqueueEmail } from "@/server/email/outbox";
import { renderLayout } from "@/server/email/templates";
import { drainOutbox, MAX_ATTEMPTS, type DeliveryTransport } from "@/server/email/worker";
import { rootDatabase, test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { linkIn, TestSmtp } from "../helpers/smtp";

const code = (c: string) => (e: unknown) => e instanceof TRPCError && e.code === c;
const later = (ms: number) => new Date(Date.now() + ms);

const smtp = new TestSmtp();
beforeAll(() => smtp.start());
afterAll(() => smtp.stop());

async function queue(db: Database, to: string, subject = "Hello") {
  const body = renderLayout({ subject, paragraphs: ["Hi"], senderName: "Shop" });
  return enqueueEmail({ db, actor: null, ip: null }, { to, kind: "test", ...body });
}

describe("email outbox", () => {
  test("forgot password: the message arrives by SMTP with the right recipient and a working link", async ({ db }) => {
    smtp.received.length = 0;
    const user = await createUser(db, { email: "arrives@example.test", firstName: "Ada" });
    await anonymousCaller(db).passwords.requestReset({ email: "Arrives@Example.test" });
    expect(await drainOutbox({ db, transport: smtp.transport() })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(["arrives@example.test"]);
    expect(mail?.subject).toBe("Reset your password");
    expect(mail?.text).toContain("Hello Ada,");
    const token = linkIn(mail!, "reset-password");
    await expect(anonymousCaller(db).passwords.checkToken({ token })).resolves.toEqual({ state: "valid", email: user.email });
    // The one-time link does not stay readable in the database once delivered.
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, user.id));
    expect(row).toMatchObject({ status: "sent", attempts: 1, deliveredVia: "smtp" });
    expect(row?.text).not.toContain(token);
  });

  test("with SMTP down, messages wait with the error visible and are delivered once it is back", async ({ db }) => {
    smtp.received.length = 0;
    const a = await queue(db, "wait-a@example.test", "First");
    const b = await queue(db, "wait-b@example.test", "Second");
    await smtp.stop();
    try {
      expect(await drainOutbox({ db, transport: smtp.transport() })).toEqual({ sent: 0, retrying: 2, failed: 0 });
      const { caller } = await callerAs(db, "admin");
      const queued = await caller.email.outbox.list({ status: "queued" });
      expect(queued.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
      expect(queued.items[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
      expect(queued.counts.queued).toBe(2);
      // Backoff: not due again straight away.
      expect(await drainOutbox({ db, transport: smtp.transport() })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    } finally {
      await smtp.start();
    }
    expect(await drainOutbox({ db, transport: smtp.transport(), now: later(10 * 60_000) })).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(["First", "Second"]);
    const rows = await db.select().from(emailOutbox).where(inArray(emailOutbox.id, [a.id, b.id]));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 2],
      ["sent", 2],
    ]);
  });

  test("a permanent refusal fails at once, visibly; retry puts it back and it is sent", async ({ db }) => {
    smtp.received.length = 0;
    const user = await createUser(db, { email: "nobody-here@example.test" });
    const { caller: admin } = await callerAs(db, "admin");
    await admin.email.messages.send({ userId: user.id, subject: "Your order", body: "Thanks {{firstName}}" });
    smtp.rejects.add("nobody-here@example.test");
    try {
      expect(await drainOutbox({ db, transport: smtp.transport() })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    } finally {
      smtp.rejects.clear();
    }
    const failed = await admin.email.outbox.list({ status: "failed" });
    expect(failed.counts.failed).toBe(1);
    const [item] = failed.items;
    expect(item).toMatchObject({ toAddress: "nobody-here@example.test", status: "failed", attempts: 1, lastError: expect.stringContaining("550") });
    const [entry] = await db.select().from(timelineEvents).where(eq(timelineEvents.userId, user.id));
    expect(entry?.data).toMatchObject({ delivery: "failed", error: expect.stringContaining("550") });

    await expect(admin.email.outbox.retry({ id: item!.id })).resolves.toMatchObject({ status: "queued", attempts: 0 });
    await expect(admin.email.outbox.retry({ id: item!.id })).rejects.toThrow(/id: only a failed email can be retried/);
    expect(await drainOutbox({ db, transport: smtp.transport() })).toMatchObject({ sent: 1 });
    expect(smtp.received[0]?.to).toEqual(["nobody-here@example.test"]);
    const [after] = await db.select().from(timelineEvents).where(eq(timelineEvents.userId, user.id));
    expect(after?.data).toMatchObject({ delivery: "sent" });
  });

  test(`after ${MAX_ATTEMPTS} temporary failures a message is marked failed, not retried forever`, async ({ db }) => {
    const { id } = await queue(db, "flaky@example.test");
    await smtp.stop();
    try {
      let clock = Date.now();
      for (let i = 1; i < MAX_ATTEMPTS; i++) {
        expect(await drainOutbox({ db, transport: smtp.transport(), now: new Date(clock) })).toMatchObject({ retrying: 1 });
        clock += 2 * 3_600_000;
      }
      expect(await drainOutbox({ db, transport: smtp.transport(), now: new Date(clock) })).toMatchObject({ failed: 1 });
    } finally {
      await smtp.start();
    }
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  test("a worker that died mid-send loses its claim after the lease; the message is not lost", async ({ db }) => {
    smtp.received.length = 0;
    const { id } = await queue(db, "lease@example.test");
    const hung = { sendMail: () => new Promise<never>(() => {}) } as unknown as DeliveryTransport;
    // Simulates the crash: the claim commits, the send never returns.
    void drainOutbox({ db, transport: hung }).catch(() => {});
    await expect.poll(async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]?.status).toBe("sending");
    expect(await drainOutbox({ db, transport: smtp.transport() })).toMatchObject({ sent: 0 });
    expect(await drainOutbox({ db, transport: smtp.transport(), now: later(6 * 60_000) })).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(["lease@example.test"]);
  });

  test("outbox procedures are for admins and owners; the mailbox for owners", async ({ db }) => {
    const { id } = await queue(db, "roles@example.test");
    for (const role of ["manager", "customer"] as const) {
      const { caller } = await callerAs(db, role);
      await expect(caller.email.outbox.list({})).rejects.toSatisfy(code("FORBIDDEN"));
      await expect(caller.email.outbox.retry({ id })).rejects.toSatisfy(code("FORBIDDEN"));
      await expect(caller.email.mailbox.list()).rejects.toSatisfy(code("FORBIDDEN"));
    }
    const { caller: admin } = await callerAs(db, "admin");
    await expect(admin.email.mailbox.list()).rejects.toSatisfy(code("FORBIDDEN"));
    const anon = anonymousCaller(db);
    await expect(anon.email.outbox.list({})).rejects.toSatisfy(code("UNAUTHORIZED"));
    await expect(anon.email.mailbox.list()).rejects.toSatisfy(code("UNAUTHORIZED"));
    await expect(admin.email.outbox.retry({ id: 0 })).rejects.toSatisfy(code("BAD_REQUEST"));
  });

  test("the development mailbox shows delivered messages with their links; the outbox list never shows bodies", async ({ db }) => {
    await createUser(db, { email: "mailbox@example.test" });
    await anonymousCaller(db).passwords.requestReset({ email: "mailbox@example.test" });
    await drainOutbox({ db, transport: "mailbox" });
    const { caller: owner } = await callerAs(db, "owner");
    const [msg] = await owner.email.mailbox.list();
    expect(msg).toMatchObject({ toAddress: "mailbox@example.test", subject: "Reset your password" });
    expect(msg?.links).toEqual([expect.stringMatching(/\/reset-password\/[A-Za-z0-9_-]{43}$/)]);
    const listed = await owner.email.outbox.list({ status: "sent" });
    expect(listed.items[0]).not.toHaveProperty("html");
    expect(listed.items[0]).not.toHaveProperty("text");
  });

  test("the list pages by keyset without gaps or repeats", async ({ db }) => {
    for (let i = 0; i < 7; i++) await queue(db, `page${i}@example.test`);
    const { caller } = await callerAs(db, "admin");
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.email.outbox.list>> = await caller.email.outbox.list({ limit: 3, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    await expect(caller.email.outbox.list({ cursor: "garbage" })).rejects.toThrow(/cursor/);
  });
});

describe("two workers draining at once", () => {
  // Committed rows (not the rolled-back fixture), because each worker must see them from its own connection.
  test("every message is delivered exactly once, through an outage", async () => {
    const root = await rootDatabase();
    const url = process.env.TEST_DATABASE_URL;
    let second: { db: Database; close: () => Promise<void> } = { db: root, close: async () => {} };
    if (url) {
      // PostgreSQL: a second pool, as a second app process would have.
      const [{ name } = { name: "" }] = await queryRows<{ name: string }>(root, sql`SELECT current_database() AS name`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      second = await openDatabase({ url: target.toString(), maxConnections: 2 });
    }
    // On PGlite (one connection) the two drains interleave on it: the claim logic is still what keeps them apart.
    const ids: number[] = [];
    try {
      smtp.received.length = 0;
      for (let i = 0; i < 30; i++) ids.push((await queue(root, `both${i}@example.test`, `Message ${i}`)).id);
      await smtp.stop();
      const down = await Promise.all([drainOutbox({ db: root, transport: smtp.transport(), batchSize: 5 }), drainOutbox({ db: second.db, transport: smtp.transport(), batchSize: 5 })]);
      expect(down.reduce((n, r) => n + r.retrying, 0)).toBe(30);
      await smtp.start();
      const now = later(10 * 60_000);
      const up = await Promise.all([
        drainOutbox({ db: root, transport: smtp.transport(), batchSize: 5, now }),
        drainOutbox({ db: second.db, transport: smtp.transport(), batchSize: 5, now }),
      ]);
      expect(up[0].sent + up[1].sent).toBe(30);
      const byId = new Map<string, number>();
      for (const m of smtp.received) byId.set(m.outboxId ?? "", (byId.get(m.outboxId ?? "") ?? 0) + 1);
      expect([...byId.keys()].sort()).toEqual(ids.map(String).sort());
      expect([...byId.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await smtp.start().catch(() => {});
      if (ids.length) await root.delete(emailOutbox).where(inArray(emailOutbox.id, ids));
      if (second.db !== root) await second.close();
    }
  });
});
