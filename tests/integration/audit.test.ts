import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents } from "@/db/schema";
import type { Database } from "@/db/client";
import { recordAudit } from "@/server/services/core/audit";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs, type Caller } from "../helpers/callers";
import { expectTRPCError } from "../helpers/trpc-errors";

type Row = typeof auditEvents.$inferInsert;

async function insertAudit(db: Database, rows: Row[]) {
  return db.insert(auditEvents).values(rows).returning();
}

/** Follows nextCursor to the end and returns every id seen. */
async function allPages(caller: Caller, input: Parameters<Caller["audit"]["list"]>[0]): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await caller.audit.list({ ...input, cursor });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("paging did not end");
}

describe("audit.list access", () => {
  test("admins and owners read the log; managers, customers and anonymous callers are refused", async ({ db }) => {
    await expectTRPCError(anonymousCaller(db).audit.list({}), "UNAUTHORIZED");
    await expectTRPCError(anonymousCaller(db).audit.facets(), "UNAUTHORIZED");
    for (const role of ["manager", "customer"] as const) {
      const { caller } = await callerAs(db, role);
      await expectTRPCError(caller.audit.list({}), "FORBIDDEN");
      await expectTRPCError(caller.audit.facets(), "FORBIDDEN");
    }
    for (const role of ["admin", "owner"] as const) {
      await expect((await callerAs(db, role)).caller.audit.list({})).resolves.toMatchObject({ nextCursor: null });
    }
  });
});

describe("audit rows", () => {
  test("are written in the same transaction as the change: a rolled-back change leaves no audit row", async ({ db }) => {
    const { caller: owner } = await callerAs(db, "owner");
    await db
      .transaction(async (tx) => {
        const { caller } = await callerAs(tx as unknown as Database, "owner");
        await caller.settings.update({ currency: "USD" });
        throw new Error("the surrounding work failed");
      })
      .catch(() => undefined);
    expect((await owner.settings.get()).currency).toBe("GBP");
    expect(await db.select().from(auditEvents)).toHaveLength(0);
    await owner.settings.update({ currency: "USD" });
    expect(await db.select().from(auditEvents)).toHaveLength(1);
  });

  test("never contain passwords, hashes, tokens or API keys, however deeply nested", async ({ db }) => {
    const { caller, user } = await callerAs(db, "admin");
    await recordAudit(
      { db, actor: { id: user.id, email: user.email, name: "A", role: "admin", sessionId: null }, ip: "10.0.0.1" },
      {
        action: "user.update",
        targetType: "user",
        targetId: 42,
        before: { firstName: "Ada", passwordHash: "$argon2id$secret-hash", resetToken: "tok-123" },
        after: {
          firstName: "Ada L",
          password: "hunter2",
          apiKey: "key-456",
          api_key: "key-789",
          clientSecret: "s3",
          changes: [{ field: "password", before: "pw-change-old", after: "pw-change-new" }, { newPassword: "pw-in-array" }],
          invite: { token: "tok-nested", email: "a@b.test" },
        },
      },
    );
    const { items } = await caller.audit.list({});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ before: { firstName: "Ada" }, after: { firstName: "Ada L", invite: { email: "a@b.test" }, changes: [{ field: "password" }, {}] }, ip: "10.0.0.1" });
    const text = JSON.stringify(items);
    for (const secret of ["secret-hash", "tok-123", "hunter2", "key-456", "key-789", "s3\"", "pw-in-array", "tok-nested", "pw-change"]) expect(text).not.toContain(secret);
  });
});

describe("audit search, filters and paging", () => {
  async function fixture(db: Database) {
    const { caller, user: admin } = await callerAs(db, "admin");
    const { user: owner } = await callerAs(db, "owner");
    const t = (iso: string) => new Date(iso);
    const rows = await insertAudit(db, [
      { actorId: owner.id, actorEmail: owner.email, action: "settings.update", targetType: "settings", targetId: "1", createdAt: t("2026-03-01T10:00:00Z") },
      { actorId: admin.id, actorEmail: admin.email, action: "user.update", targetType: "user", targetId: "9080706", createdAt: t("2026-03-02T10:00:00Z") },
      { actorId: admin.id, actorEmail: admin.email, action: "user.delete", targetType: "user", targetId: "78", createdAt: t("2026-03-03T23:59:59Z") },
      { actorId: owner.id, actorEmail: owner.email, action: "level.create", targetType: "customer_level", targetId: "9080706", createdAt: t("2026-03-04T00:00:00Z") },
      { actorId: null, actorEmail: null, action: "auth.login_locked", targetType: "user", targetId: "5", createdAt: t("2026-03-05T08:00:00Z") },
    ]);
    const id = (action: string) => rows.find((r) => r.action === action)!.id;
    return { caller, admin, owner, id };
  }

  test("free text matches actions, actor emails, target types and exact target ids", async ({ db }) => {
    const { caller, admin, id } = await fixture(db);
    const ids = async (q: string) => (await caller.audit.list({ q })).items.map((i) => i.id);
    expect(await ids("USER.")).toEqual([id("user.delete"), id("user.update")]);
    expect(await ids(admin.email.toUpperCase())).toEqual([id("user.delete"), id("user.update")]);
    expect(await ids(admin.email.slice(0, 6))).toEqual([id("user.delete"), id("user.update")]);
    expect(await ids("9080706")).toEqual([id("level.create"), id("user.update")]);
    expect(await ids("customer_level")).toEqual([id("level.create")]);
    expect(await ids("nothing-matches-this")).toEqual([]);
    expect(await ids("%")).toEqual([]);
  });

  test("filters combine: action, actor, target, and whole UTC days with an inclusive end", async ({ db }) => {
    const { caller, owner, id } = await fixture(db);
    const ids = async (input: Parameters<Caller["audit"]["list"]>[0]) => (await caller.audit.list(input)).items.map((i) => i.id);
    expect(await ids({ action: "user.update" })).toEqual([id("user.update")]);
    expect(await ids({ actorId: owner.id })).toEqual([id("level.create"), id("settings.update")]);
    expect(await ids({ targetType: "user", targetId: "9080706" })).toEqual([id("user.update")]);
    expect(await ids({ targetId: "9080706" })).toEqual([id("level.create"), id("user.update")]);
    expect(await ids({ from: "2026-03-02", to: "2026-03-03" })).toEqual([id("user.delete"), id("user.update")]);
    expect(await ids({ from: "2026-03-04", to: "2026-03-04", actorId: owner.id })).toEqual([id("level.create")]);
    expect(await ids({ q: "user", targetType: "user", to: "2026-03-02" })).toEqual([id("user.update")]);
    const [first] = (await caller.audit.list({ targetId: "9080706", targetType: "user" })).items;
    expect(first).toMatchObject({ actorName: expect.stringMatching(/^Admin /), action: "user.update" });
    expect(await caller.audit.facets()).toEqual({
      actions: ["auth.login_locked", "level.create", "settings.update", "user.delete", "user.update"],
      targetTypes: ["customer_level", "settings", "user"],
    });
  });

  test("bad filters name the field", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    for (const [input, field] of [
      [{ from: "2026-02-30" }, "from"],
      [{ to: "yesterday" }, "to"],
      [{ from: "2026-03-05", to: "2026-03-01" }, "to"],
      [{ limit: 101 }, "limit"],
      [{ actorId: -1 }, "actorId"],
    ] as const) {
      const err = await expectTRPCError(caller.audit.list(input as never), "BAD_REQUEST");
      expect(err.message).toContain(field);
    }
    const err = await expectTRPCError(caller.audit.list({ cursor: "not-a-cursor" }), "BAD_REQUEST");
    expect(err.message).toMatch(/^cursor: /);
  });

  test("pages walk every row once, newest first, through rows that share a timestamp", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const same = new Date("2026-04-01T12:00:00.123Z");
    // Microsecond-apart rows that a millisecond Date cursor would confuse.
    const rows = await insertAudit(
      db,
      Array.from({ length: 11 }, (_, i) => ({
        action: i % 2 ? "user.update" : "user.create",
        targetType: "user",
        targetId: String(i),
        createdAt: i < 7 ? same : new Date(same.getTime() - 60_000),
      })),
    );
    await db
      .update(auditEvents)
      .set({ createdAt: sql`${auditEvents.createdAt} + (${auditEvents.id} % 3) * interval '1 microsecond'` })
      .where(inArray(auditEvents.id, rows.slice(0, 7).map((r) => r.id)));
    const expected = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .orderBy(sql`created_at desc, id desc`);
    for (const limit of [1, 3, 4, 50]) {
      expect(await allPages(caller, { limit })).toEqual(expected.map((r) => r.id));
    }
    const updates = await allPages(caller, { action: "user.update", limit: 2 });
    expect(updates).toEqual(expected.map((r) => r.id).filter((id) => rows.find((r) => r.id === id)!.action === "user.update"));
    const first = await caller.audit.list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.id, first.items[0]!.id));
    expect(row?.createdAt.getTime()).toBe(same.getTime());
  });
});
