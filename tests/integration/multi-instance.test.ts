// Two app instances on one PostgreSQL database: two independent pools (openDatabase handles) stand
// in for two processes behind a load balancer. Work alternates between them and nothing that one
// instance does may be invisible to, or undone by, the other: sessions and their revocation, the
// email outbox drained by both at once, and the trigger-maintained user counters.
//
// Needs a server (committed rows must cross pools, so the usual rolled-back fixture cannot be used):
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run tests/integration/multi-instance.test.ts
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database, type DatabaseHandle } from "@/db/client";
import { createCaller } from "@/server/api/root";
import { drainOutbox } from "@/server/email/worker";
import { enqueueEmail } from "@/server/email/outbox";
import { revokeSession, revokeUserSessions, validateSession } from "@/server/services/auth/sessions";
import { recountSummary, userSummary } from "@/server/services/users/summary";
import { createSession, createStaff, createUser } from "../helpers/factories";

const url = process.env.TEST_DATABASE_URL;
const SKIP_MESSAGE = "two app instances on one database — skipped: set TEST_DATABASE_URL to a PostgreSQL server to run";

if (!url) console.info(`[multi-instance] ${SKIP_MESSAGE}`);

describe.skipIf(!url)("two app instances on one database", () => {
  let dbName = "";
  let a: DatabaseHandle;
  let b: DatabaseHandle;

  beforeAll(async () => {
    const { default: postgres } = await import("postgres");
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    // The global setup's naming, so its teardown removes the database if this file dies half way.
    dbName = `um_t_${process.ppid}_${process.pid}_mi${Math.random().toString(36).slice(2, 6)}`;
    await admin.unsafe(`CREATE DATABASE ${dbName} TEMPLATE ${inject("pgTemplateDb")}`);
    await admin.end();
    const target = new URL(url!);
    target.pathname = `/${dbName}`;
    a = await openDatabase({ url: target.toString(), maxConnections: 4 });
    b = await openDatabase({ url: target.toString(), maxConnections: 4 });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (!dbName) return;
    const { default: postgres } = await import("postgres");
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  async function ownerOn(db: Database) {
    const owner = await createStaff(db, "owner");
    const session = await createSession(db, owner.id);
    const on = (handle: Database) =>
      createCaller({
        db: handle,
        session: {
          sessionId: session.id,
          user: { id: owner.id, email: owner.email, name: "Owner", role: "owner", sessionId: session.id, mustChangePassword: false },
        },
        ip: "127.0.0.1",
        userAgent: "vitest",
      });
    return { owner, session, on };
  }

  test("a session made on one instance is valid on the other; revoking it on either ends it on both", async () => {
    const user = await createStaff(a.db, "admin");
    const s1 = await createSession(a.db, user.id);
    const s2 = await createSession(b.db, user.id);

    expect((await validateSession(b.db, s1.id, { idleDays: 30 }))?.user.id).toBe(user.id);
    expect((await validateSession(a.db, s2.id, { idleDays: 30 }))?.user.id).toBe(user.id);

    // Device removal on instance B: instance A's very next request is logged out.
    expect(await revokeSession({ db: b.db, actor: null, ip: null }, s1.id, "device removed")).toBe(true);
    expect(await validateSession(a.db, s1.id, { idleDays: 30 })).toBeNull();
    expect((await validateSession(a.db, s2.id, { idleDays: 30 }))?.user.id).toBe(user.id);

    // "Log out everywhere" on A ends what B issued.
    expect(await revokeUserSessions({ db: a.db, actor: null, ip: null }, user.id, "logout everywhere")).toBe(1);
    expect(await validateSession(b.db, s2.id, { idleDays: 30 })).toBeNull();
  });

  test("deactivating a user on one instance logs them out on the other", async () => {
    const { on } = await ownerOn(a.db);
    const staff = await createStaff(b.db, "manager");
    const s = await createSession(b.db, staff.id);
    expect(await validateSession(a.db, s.id, { idleDays: 30 })).not.toBeNull();
    await on(a.db).users.setStatus({ id: staff.id, status: "suspended" });
    expect(await validateSession(b.db, s.id, { idleDays: 30 })).toBeNull();
  });

  test("two workers draining the outbox at once send every message exactly once", async () => {
    const tag = randomUUID().slice(0, 8);
    const total = 120;
    for (let i = 0; i < total; i++) {
      const ctx = { db: i % 2 ? a.db : b.db, actor: null, ip: null };
      await enqueueEmail(ctx, { to: `mi-${tag}-${i}@example.test`, kind: "test", subject: `m${i}`, html: "<p>x</p>", text: "x" });
    }
    const delivered: string[] = [];
    // A slow transport keeps both workers busy at the same moment, so their claims really overlap.
    const transport = (name: string) => ({
      async sendMail(msg: { to?: unknown }) {
        await new Promise((r) => setTimeout(r, 2));
        delivered.push(`${name}:${String(msg.to)}`);
        return { messageId: `<${randomUUID()}@test>` };
      },
    });
    const [ra, rb] = await Promise.all([
      drainOutbox({ db: a.db, transport: transport("a") as never, batchSize: 7 }),
      drainOutbox({ db: b.db, transport: transport("b") as never, batchSize: 7 }),
    ]);
    const mine = delivered.filter((d) => d.includes(`mi-${tag}-`));
    const addresses = mine.map((d) => d.slice(2));
    expect(ra.sent + rb.sent).toBeGreaterThanOrEqual(total);
    expect(addresses).toHaveLength(total);
    expect(new Set(addresses).size).toBe(total);
    // Both instances took a share (SKIP LOCKED hands each worker different rows).
    expect(mine.some((d) => d.startsWith("a:"))).toBe(true);
    expect(mine.some((d) => d.startsWith("b:"))).toBe(true);
    const [left] = await queryRows<{ n: number }>(
      a.db,
      sql`SELECT count(*)::int AS n FROM email_outbox WHERE to_address LIKE ${`mi-${tag}-%`} AND status <> 'sent'`,
    );
    expect(Number(left?.n)).toBe(0);
  });

  test("counters stay exact when both instances create, change and delete users concurrently", async () => {
    const { on } = await ownerOn(a.db);
    const callers = [on(a.db), on(b.db)];
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        callers[i % 2]!.users.create({
          email: `mi-count-${randomUUID().slice(0, 8)}-${i}@example.test`,
          firstName: "Multi",
          lastName: `Instance${i}`,
          subscribed: i % 3 === 0,
          status: i % 4 === 0 ? "pending" : "approved",
        }),
      ),
    );
    // Status changes and deletes alternate between the instances, several in flight at once.
    await Promise.all(
      created.map(({ id }, i) => {
        const c = callers[(i + 1) % 2]!;
        if (i % 5 === 0) return c.users.delete({ id, mode: "delete" });
        if (i % 5 === 1) return c.users.setStatus({ id, status: "suspended" });
        if (i % 5 === 2) return c.users.setStatus({ id, status: "approved" });
        return Promise.resolve();
      }),
    );
    // Writes that bypass the procedures (storefront ingest, imports) go through the same triggers.
    await Promise.all([createUser(a.db, { subscribed: true }), createUser(b.db, { status: "pending" })]);

    const viaCountersA = await userSummary({ ctx: { db: a.db, actor: null, ip: null } });
    const viaCountersB = await userSummary({ ctx: { db: b.db, actor: null, ip: null } });
    const recount = await recountSummary({ ctx: { db: a.db, actor: null, ip: null } });
    expect(viaCountersA).toEqual(recount);
    expect(viaCountersB).toEqual(recount);
  });
});

if (!url) {
  test.skip(SKIP_MESSAGE, () => {});
}
