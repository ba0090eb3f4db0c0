import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { settings, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { recountSummary, userSummary } from "@/server/services/users/summary";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";

const DAY = 86_400_000;
const ctx = (db: Database) => ({ db, actor: null, ip: null });

async function expectCountersExact(db: Database, now?: Date) {
  const fast = await userSummary({ ctx: ctx(db), now });
  const slow = await recountSummary({ ctx: ctx(db), now });
  expect(fast).toEqual(slow);
  return fast;
}

describe("summary counts", () => {
  test("All, Active and Subscribed follow the SPEC definitions", async ({ db }) => {
    await createUser(db, { subscribed: true, subscriptionConfirmedAt: new Date() }); // active, subscribed
    await createUser(db, { status: "pending" }); // not active
    await createUser(db, { inviteState: "pending", passwordHash: null, source: "invite" }); // not active
    await createUser(db, { lastActiveAt: new Date(Date.now() - 500 * DAY), createdAt: new Date(Date.now() - 900 * DAY) }); // expired
    await createUser(db, { passwordHash: null, source: "subscriber", subscribed: true }); // subscribed (unconfirmed)
    const { caller } = await callerAs(db, "manager"); // the caller's own account: active
    expect(await caller.users.summary()).toEqual({ all: 6, active: 2, subscribed: 2 });
    await db.update(settings).set({ doubleOptIn: true });
    expect(await caller.users.summary()).toEqual({ all: 6, active: 2, subscribed: 1 });
    await db.update(settings).set({ passwordExpiryMonths: 24 });
    expect(await caller.users.summary()).toMatchObject({ active: 3 });
    await expectCountersExact(db);
  });

  test("maintained counters equal a full recount after mixed writes", async ({ db }) => {
    const made = [];
    for (let i = 0; i < 40; i++) {
      made.push(
        await createUser(db, {
          status: (["approved", "pending", "suspended", "rejected"] as const)[i % 4],
          subscribed: i % 3 === 0,
          subscriptionConfirmedAt: i % 6 === 0 ? new Date() : null,
          emailConfirmedAt: i % 5 === 0 ? null : new Date(),
          passwordHash: i % 7 === 0 ? null : undefined,
          lastActiveAt: i % 2 ? new Date(Date.now() - i * 20 * DAY) : null,
          createdAt: new Date(Date.now() - i * 25 * DAY),
        }),
      );
    }
    await expectCountersExact(db);
    // Updates of every kind, single and set-based.
    await db.update(users).set({ status: "approved" }).where(inArray(users.id, made.slice(0, 10).map((u) => u.id)));
    await db.update(users).set({ subscribed: false }).where(inArray(users.id, made.slice(5, 15).map((u) => u.id)));
    await db.update(users).set({ lastActiveAt: new Date() }).where(inArray(users.id, made.slice(10, 30).map((u) => u.id)));
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, made[30]!.id));
    await db.update(users).set({ firstName: "No-op for counters" });
    await db.delete(users).where(inArray(users.id, made.slice(35).map((u) => u.id)));
    await expectCountersExact(db);
    const { caller } = await callerAs(db, "admin");
    await caller.users.bulk.execute({
      target: { kind: "ids", ids: made.slice(0, 20).map((u) => u.id) },
      action: { type: "delete", mode: "anonymise" },
      expectedCount: 20,
    });
    await expectCountersExact(db);
    await db.update(settings).set({ doubleOptIn: true, passwordExpiryMonths: 6 });
    await expectCountersExact(db);
  });

  test("the expiry cut-off day is counted exactly, to the instant", async ({ db }) => {
    const now = new Date("2026-06-15T12:00:00Z");
    // Cut-off with 15 months: 2025-03-15T12:00Z. Same day, either side of the instant:
    await createUser(db, { lastActiveAt: new Date("2025-03-15T11:59:00Z"), createdAt: new Date("2024-01-01T00:00:00Z") });
    await createUser(db, { lastActiveAt: new Date("2025-03-15T12:01:00Z"), createdAt: new Date("2024-01-01T00:00:00Z") });
    await createUser(db, { lastActiveAt: new Date("2025-03-16T00:00:00Z"), createdAt: new Date("2024-01-01T00:00:00Z") });
    const counts = await expectCountersExact(db, now);
    expect(counts.active).toBe(2);
  });

  test("counts survive a rolled-back write", async ({ db }) => {
    const before = await userSummary({ ctx: ctx(db) });
    await db
      .transaction(async (tx) => {
        await createUser(tx as unknown as Database);
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect(await userSummary({ ctx: ctx(db) })).toEqual(before);
    await db.execute(sql`select 1`);
  });
});
