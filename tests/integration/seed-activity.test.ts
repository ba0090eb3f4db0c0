import { eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, customerLevels, timelineEvents } from "@/db/schema";
import { queryRows } from "@/db/client";
import { seedActivity } from "@/db/seed/activity";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createStaff, createUser } from "../helpers/factories";

describe("seedActivity", () => {
  test("writes staff comments, approvals and level changes that the procedures can read", async ({ db }) => {
    const manager = await createStaff(db, "manager");
    const [gold] = await db.insert(customerLevels).values({ name: "Gold", position: 1 }).returning();
    const before = await createUser(db);
    const customers = [];
    for (let i = 0; i < 20; i++) customers.push(await createUser(db, { levelId: gold!.id }));
    const sampled = await seedActivity(db, { staffIds: [manager.id], sinceUserId: before.id, fraction: 1 });
    expect(sampled).toBe(20);
    expect(await seedActivity(db, { staffIds: [] })).toBe(0);

    const comments = await db.select().from(timelineEvents).where(eq(timelineEvents.kind, "comment"));
    expect(comments.length).toBeGreaterThanOrEqual(20);
    expect(comments.every((c) => c.actorId === manager.id && typeof c.data.body === "string")).toBe(true);
    expect(comments.some((c) => c.userId === before.id)).toBe(false);

    const [counts] = await queryRows<{ audits: number; bad: number }>(
      db,
      sql`SELECT count(*)::int AS audits, count(*) FILTER (WHERE actor_email IS NULL)::int AS bad FROM audit_events`,
    );
    expect(counts!.audits).toBeGreaterThan(0);
    expect(counts!.bad).toBe(0);
    const levelAudit = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.update"));
    expect(levelAudit.every((a) => (a.after as { level?: string }).level === "Gold")).toBe(true);

    const { caller } = await callerAs(db, "manager");
    const feed = await caller.timeline.list({ userId: customers[0]!.id, kinds: ["comment"] });
    expect(feed.items[0]).toMatchObject({ kind: "comment", actorName: `${manager.firstName} ${manager.lastName}` });
  });
});
