import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, customerLevels, customFieldDefinitions, timelineEvents, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createStaff, createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";

const csvOf = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n");

async function userCount(db: Database) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n);
}

/** A file with one row of every kind the dry run reports. */
async function fixture(db: Database) {
  const t = randomUUID().slice(0, 8);
  await db.insert(customerLevels).values({ name: "Gold", position: 1 });
  await db.insert(customFieldDefinitions).values({ key: "shoe_size", label: "Shoe size", type: "number" });
  const existing = await createUser(db, { email: `old-${t}@example.test`, firstName: "Olga", lastName: "Old", city: "Leeds", source: "ecommerce" });
  const same = await createUser(db, { email: `same-${t}@example.test`, firstName: "Sam", lastName: "Same", status: "approved" });
  const staff = await createStaff(db, "manager", { email: `staff-${t}@example.test` });
  const csv = csvOf([
    ["Email", "First name", "Last name", "Company", "City", "Status", "Level", "Subscribed", "Shoe size"],
    [`new-${t}@example.test`, "Nina", "New", "Acme, Inc.", "", "", "gold", "yes", "42"], // 2 create
    [`OLD-${t}@example.test`, "Olga", "Old", "", "York", "", "", "", ""], // 3 update (city)
    [`same-${t}@example.test`, "Sam", "Same", "", "", "approved", "", "", ""], // 4 unchanged
    ["not-an-email", "Bad", "Email", "", "", "", "", "", ""], // 5 error
    [`new-${t}@example.test`, "Nina", "Again", "", "", "", "", "", ""], // 6 duplicate
    [`lvl-${t}@example.test`, "Lev", "El", "", "", "", "Platinum", "", ""], // 7 unknown level
    [`cf-${t}@example.test`, "Cus", "Tom", "", "", "", "", "", "big"], // 8 custom field invalid
    [`st-${t}@example.test`, "Sta", "Tus", "", "", "sleeping", "", "", ""], // 9 bad status
    [`staff-${t}@example.test`, "Mina", "Manager", "", "", "", "", "", ""], // 10 staff account
    [`quote-${t}@example.test`, 'Quinn "Q"', "Line\nBreak", "=cmd", "", "pending", "", "no", ""], // 11 create
  ]);
  return { t, csv, existing, same, staff };
}

describe("CSV import", () => {
  test("the dry run reports every row and changes nothing", async ({ db }) => {
    const { t, csv } = await fixture(db);
    const { caller } = await callerAs(db, "admin");
    const before = await userCount(db);
    const report = await caller.imports.preview({ csv });
    expect(report.mapping).toEqual(["email", "firstName", "lastName", "company", "city", "status", "level", "subscribed", "cf:shoe_size"]);
    expect(report.totals).toEqual({ create: 2, update: 1, unchanged: 1, error: 6 });
    expect(report.rows.map((r) => [r.row, r.outcome, r.message])).toEqual([
      [2, "create", "new user"],
      [3, "update", "changes city"],
      [4, "unchanged", "no changes"],
      [5, "error", 'email: "not-an-email" is not a valid address'],
      [6, "error", "email: duplicate of row 2 in this file"],
      [7, "error", 'level: there is no customer level named "Platinum"'],
      [8, "error", "Shoe size: must be a number"],
      [9, "error", 'status: "sleeping" is not one of pending, approved, suspended, rejected'],
      [10, "error", "email: belongs to a staff account; change staff details on their own record"],
      [11, "create", "new user"],
    ]);
    expect(report.rows[1]?.email).toBe(`old-${t}@example.test`);
    expect(await userCount(db)).toBe(before);
  });

  test("applying creates exactly the good rows and updates existing users, with timeline and audit", async ({ db }) => {
    const { t, csv, existing, same } = await fixture(db);
    const { caller, user: admin } = await callerAs(db, "admin");
    const before = await userCount(db);
    const report = await caller.imports.preview({ csv });
    const result = await caller.imports.execute({ csv, mapping: report.mapping as never, expected: report.totals, fileName: "people.csv" });
    expect(result).toEqual({ created: 2, updated: 1, unchanged: 1, errors: 6 });
    expect(await userCount(db)).toBe(before + 2);

    const created = await db.select().from(users).where(inArray(users.email, [`new-${t}@example.test`, `quote-${t}@example.test`]));
    const nina = created.find((u) => u.email.startsWith("new-"));
    expect(nina).toMatchObject({ firstName: "Nina", company: "Acme, Inc.", source: "import", status: "approved", subscribed: true, customFields: { shoe_size: 42 } });
    expect(nina?.levelId).not.toBeNull();
    expect(created.find((u) => u.email.startsWith("quote-"))).toMatchObject({ firstName: 'Quinn "Q"', lastName: "Line\nBreak", company: "=cmd", status: "pending", subscribed: false });

    const [olga] = await db.select().from(users).where(eq(users.id, existing.id));
    expect(olga).toMatchObject({ city: "York", source: "ecommerce", version: existing.version + 1 });
    const [sam] = await db.select().from(users).where(eq(users.id, same.id));
    expect(sam?.version).toBe(same.version);

    const events = await db.select().from(timelineEvents).where(inArray(timelineEvents.userId, [...created.map((u) => u.id), existing.id, same.id]));
    expect(events.filter((e) => e.kind === "created")).toHaveLength(2);
    expect(events.find((e) => e.userId === existing.id)).toMatchObject({ kind: "updated", summary: "Changed city (CSV import)" });
    expect(events.some((e) => e.userId === same.id)).toBe(false);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "users.import"), eq(auditEvents.actorId, admin.id)));
    expect(audit?.after).toMatchObject({ created: 2, updated: 1, unchanged: 1, errors: 6, rows: 10, fileName: "people.csv" });
  });

  test("the apply refuses when the outcome moved since the dry run", async ({ db }) => {
    const { t, csv } = await fixture(db);
    const { caller } = await callerAs(db, "admin");
    const report = await caller.imports.preview({ csv });
    await createUser(db, { email: `new-${t}@example.test`, firstName: "Nina", lastName: "Elsewhere" });
    const before = await userCount(db);
    const err = await expectTRPCError(caller.imports.execute({ csv, mapping: report.mapping as never, expected: report.totals }), "CONFLICT");
    expect(err.message).toMatch(/now give 1 to create, 2 to update/);
    expect(await userCount(db)).toBe(before);
  });

  test("a failure midway leaves nothing changed", async ({ db }) => {
    const { t, csv, existing } = await fixture(db);
    const { caller } = await callerAs(db, "admin");
    const report = await caller.imports.preview({ csv });
    // The timeline insert for the updated user fails, after the users were inserted and updated.
    await db.execute(sql.raw(`
      CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.user_id = ${existing.id} THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$`));
    await db.execute(sql.raw(`CREATE TRIGGER fail_import BEFORE INSERT ON timeline_events FOR EACH ROW EXECUTE FUNCTION fail_import()`));
    const before = await userCount(db);
    await expect(caller.imports.execute({ csv, mapping: report.mapping as never, expected: report.totals })).rejects.toThrow();
    expect(await userCount(db)).toBe(before);
    expect(await db.select().from(users).where(eq(users.email, `new-${t}@example.test`))).toEqual([]);
    expect((await db.select().from(users).where(eq(users.id, existing.id)))[0]?.city).toBe("Leeds");
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "users.import"))).toEqual([]);
  });

  test("a chosen mapping replaces the guess; ignored columns are ignored", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const email = `map-${randomUUID().slice(0, 8)}@example.test`;
    const csv = `Contact;Nom;Notes\n${email};Dupont;"free; text"\n`;
    const guessed = await expectTRPCError(caller.imports.preview({ csv }), "BAD_REQUEST");
    expect(guessed.message).toBe("csv: no column is headed Email; map one to Email (it identifies each user)");
    const report = await caller.imports.preview({ csv, mapping: ["email", "lastName", null] });
    expect(report.rows).toEqual([{ row: 2, email, outcome: "create", message: "new user" }]);
    await caller.imports.execute({ csv, mapping: ["email", "lastName", null], expected: report.totals });
    expect((await db.select().from(users).where(eq(users.email, email)))[0]).toMatchObject({ lastName: "Dupont", source: "import" });
  });

  test("malformed files are refused whole with a clear message", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const before = await userCount(db);
    const cases: [string, RegExp][] = [
      ["", /^csv: the file is empty$/],
      ["Email,Name\n", /^csv: the file has a header row but no users$/],
      ['Email,Name\na@example.test,"unterminated\n', /^csv: the file is not valid CSV \(row \d+: /],
      ["Email,Name\nb@example.test,Caf\uFFFD\n", /^csv: the file is not UTF-8 text/],
      ["Name,Phone\nBob,123\n", /no column is headed Email/],
      ["email\n" + "x@example.test\n".repeat(100_001), /the limit is 100,000/],
    ];
    for (const [csv, message] of cases) {
      const err = await expectTRPCError(caller.imports.preview({ csv }), "BAD_REQUEST");
      expect(err.message).toMatch(message);
      await expectTRPCError(caller.imports.execute({ csv, mapping: ["email"], expected: { create: 1, update: 0, unchanged: 0, error: 0 } }), "BAD_REQUEST");
    }
    const wrong = await expectTRPCError(caller.imports.preview({ csv: "Email,Name\na@example.test,A\n", mapping: ["email"] }), "BAD_REQUEST");
    expect(wrong.message).toBe("mapping: has 1 entries but the file has 2 columns");
    const noEmail = await expectTRPCError(caller.imports.preview({ csv: "Email,Name\na@example.test,A\n", mapping: [null, "lastName"] }), "BAD_REQUEST");
    expect(noEmail.message).toMatch(/^mapping: map one column to Email/);
    expect(await userCount(db)).toBe(before);
  });

  test("a file exported here imports back unchanged", async ({ db }) => {
    const u = await createUser(db, { firstName: "+Plus", lastName: "Smith, Jr.", phone: "+44 20 7946 0000", city: "Bath" });
    const { caller } = await callerAs(db, "admin");
    const csv = `\uFEFFEmail,First name,Last name,Phone,City\n${u.email},'+Plus,"Smith, Jr.",'+44 20 7946 0000,Bath\n`;
    const report = await caller.imports.preview({ csv });
    expect(report.rows).toEqual([{ row: 2, email: u.email, outcome: "unchanged", message: "no changes" }]);
  });

  test("only admins and owners may import", async ({ db }) => {
    const input = { csv: "Email\na@example.test\n" };
    const exec = { ...input, mapping: ["email" as const], expected: { create: 1, update: 0, unchanged: 0, error: 0 } };
    await expectTRPCError(anonymousCaller(db).imports.preview(input), "UNAUTHORIZED");
    for (const role of ["customer", "manager"] as const) {
      const { caller } = await callerAs(db, role);
      await expectTRPCError(caller.imports.preview(input), "FORBIDDEN");
      await expectTRPCError(caller.imports.execute(exec), "FORBIDDEN");
    }
    const { caller: owner } = await callerAs(db, "owner");
    await expect(owner.imports.preview(input)).resolves.toMatchObject({ totals: { create: 1 } });
  });
});
