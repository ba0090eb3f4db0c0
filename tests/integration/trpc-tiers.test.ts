import { TRPCError } from "@trpc/server";
import { describe, expect } from "vitest";
import { listProcedures } from "@/server/api/root";
import { Tier } from "@/server/schemas/common";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";

describe("procedure tiers", () => {
  test("every procedure declares a tier", () => {
    const missing = listProcedures().filter((p) => !p.tier || !Tier.options.includes(p.tier));
    expect(missing).toEqual([]);
    expect(listProcedures().length).toBeGreaterThan(0);
  });

  test("session.me refuses anonymous callers and answers signed-in ones", async ({ db }) => {
    await expect(anonymousCaller(db).session.me()).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "UNAUTHORIZED",
    );
    const { caller, user } = await callerAs(db, "customer");
    await expect(caller.session.me()).resolves.toMatchObject({ id: user.id, role: "customer" });
  });
});

describe("temporary passwords", () => {
  test("a user who must change their password can do nothing else through the API", async ({ db }) => {
    const { caller } = await callerAs(db, "admin", { mustChangePassword: true });
    await expect(caller.session.me()).resolves.toMatchObject({ mustChangePassword: true });
    await expect(caller.users.list({})).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(caller.users.summary()).rejects.toThrow(/temporary password/);
  });
});
