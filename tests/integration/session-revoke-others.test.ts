import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, sessions } from "@/db/schema";
import { validateSession } from "@/server/services/auth/sessions";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createSession } from "../helpers/factories";

const alive = async (db: Parameters<typeof validateSession>[0], id: string) =>
  (await validateSession(db, id, { idleDays: 30 })) !== null;

describe("session.revokeOthers", () => {
  test("ends the caller's other sessions, keeps this one, and audits it", async ({ db }) => {
    const { caller, user, session } = await callerAs(db, "admin");
    const laptop = await createSession(db, user.id);
    const phone = await createSession(db, user.id);

    await expect(caller.session.revokeOthers()).resolves.toEqual({ revoked: 2 });

    expect(await alive(db, session.id)).toBe(true);
    expect(await alive(db, laptop.id)).toBe(false);
    expect(await alive(db, phone.id)).toBe(false);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, laptop.id));
    expect(row?.revokedReason).toBe("log out other devices");

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "session.revoke_all"), eq(auditEvents.targetId, String(user.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: user.id, after: { reason: "log out other devices", count: 2 } });
  });

  test("leaves other users' sessions alone", async ({ db }) => {
    const me = await callerAs(db, "manager");
    const other = await callerAs(db, "admin");
    const othersSecond = await createSession(db, other.user.id);

    await expect(me.caller.session.revokeOthers()).resolves.toEqual({ revoked: 0 });
    expect(await alive(db, other.session.id)).toBe(true);
    expect(await alive(db, othersSecond.id)).toBe(true);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "session.revoke_all"));
    expect(audit).toHaveLength(0);
  });

  test("does not count sessions that were already revoked", async ({ db }) => {
    const { caller, user } = await callerAs(db, "owner");
    await createSession(db, user.id, { revokedAt: new Date(), revokedReason: "logout" });
    const live = await createSession(db, user.id);
    await expect(caller.session.revokeOthers()).resolves.toEqual({ revoked: 1 });
    expect(await alive(db, live.id)).toBe(false);
  });

  test("customers may log out their own other devices", async ({ db }) => {
    const { caller, user, session } = await callerAs(db, "customer");
    const other = await createSession(db, user.id);
    await expect(caller.session.revokeOthers()).resolves.toEqual({ revoked: 1 });
    expect(await alive(db, session.id)).toBe(true);
    expect(await alive(db, other.id)).toBe(false);
  });

  test("anonymous callers are refused with UNAUTHORIZED and nothing changes", async ({ db }) => {
    const { user, session } = await callerAs(db, "admin");
    await expect(anonymousCaller(db).session.revokeOthers()).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "UNAUTHORIZED",
    );
    expect(await alive(db, session.id)).toBe(true);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.every((r) => r.revokedAt === null)).toBe(true);
  });
});
