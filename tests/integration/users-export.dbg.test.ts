import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { afterEach, describe, expect } from "vitest";
import { auditEvents, customerLevels, customFieldDefinitions } from "@/db/schema";
import type { Database } from "@/db/client";
import { GET, POST } from "@/app/api/export/users/route";
import { setRouteContextResolver } from "@/server/api/route-context";
import type { Role } from "@/server/schemas/common";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";

afterEach(() => setRouteContextResolver(null));

/** Points the route at the test's transaction, signed in as a new user of `role` (or nobody). */
async function signIn(db: Database, role: Role | null) {
  const who = role ? await callerAs(db, role) : null;
  setRouteContextResolver(async () => ({
    db,
    ip: "127.0.0.1",
    session: who
      ? {
          sessionId: who.session.id,
          user: { id: who.user.id, email: who.user.email, name: "Test", role: who.user.role, sessionId: who.session.id, mustChangePassword: false },
        }
      : null,
  }));
  return who;
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/export/users", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

async function csvOf(res: Response) {
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { text, header: parsed.data[0] ?? [], rows: parsed.data.slice(1) };
}

describe("users export route", () => {
  test("quotes commas, quotes and newlines, keeps unicode, neutralises formulas", async ({ db }) => {
    const tag = randomUUID().slice(0, 8);
    const a = await createUser(db, { firstName: "Smith, Jr.", lastName: 'He said "hi"', company: `Line one\nline two ${tag}` });
    const b = await createUser(db, { firstName: "Zoë", lastName: "日本語 🎉", company: "=HYPERLINK(\"http://x\")" });
    const c = await createUser(db, { firstName: "+44 20", lastName: "-10", company: "@SUM(A1)", jobTitle: "\tTabbed", phone: "" });
    await signIn(db, "admin");
    const res = await post({ ids: [a.id, b.id, c.id], columns: ["id", "firstName", "lastName", "company", "jobTitle", "phone"] });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("x-export-rows")).toBe("3");
    const { text, header, rows } = await csvOf(res);
    expect(header).toEqual(["ID", "First name", "Last name", "Company", "Job title", "Phone"]);
    expect(text).toContain(`${a.id},"Smith, Jr.","He said ""hi""","Line one\nline two ${tag}",,`);
    expect(rows).toEqual([
      [String(a.id), "Smith, Jr.", 'He said "hi"', `Line one\nline two ${tag}`, "", ""],
      [String(b.id), "Zoë", "日本語 🎉", "'=HYPERLINK(\"http://x\")", "", ""],
      [String(c.id), "'+44 20", "'-10", "'@SUM(A1)", "'\tTabbed", ""],
    ]);
    // NULL prints as nothing, an empty string as "" (COPY's rule, kept on both databases).
    expect(text).toContain(`,'\tTabbed,""\n`);
  });

  test("exports exactly the users the list shows for the same filter, with chosen columns", async ({ db }) => {
    const tag = `exp${randomUUID().slice(0, 6)}`;
    const [gold] = await db.insert(customerLevels).values({ name: "Gold", position: 1 }).returning();
    await db.insert(customFieldDefinitions).values({ key: "tier", label: "Tier", type: "text" });
    const match1 = await createUser(db, { company: `${tag} Ltd`, status: "suspended", levelId: gold!.id, totalSpendCents: 123456, orderCount: 3, customFields: { tier: "A" } });
    const match2 = await createUser(db, { company: `${tag} Ltd`, status: "suspended", subscribed: true });
    await createUser(db, { company: `${tag} Ltd`, status: "approved" });
    await createUser(db, { company: "Other", status: "suspended" });
    const admin = await signIn(db, "admin");
    const filter = { q: tag, status: ["suspended" as const] };
    const listed = await admin!.caller.users.list({ filter, limit: 100 });

    const res = await post({ filter, columns: ["email", "level", "totalSpend", "orderCount", "subscribed", "cf:tier", "createdAt"] });
    const { header, rows } = await csvOf(res);
    expect(header).toEqual(["Email", "Level", "Total spend", "Orders", "Subscribed", "Tier", "Created"]);
    expect(rows.map((r) => r[0]).sort()).toEqual(listed.items.map((u) => u.email).sort());
    expect(rows.map((r) => r[0]).sort()).toEqual([match1.email, match2.email].sort());
    const first = rows.find((r) => r[0] === match1.email);
    expect(first?.slice(1, 6)).toEqual(["Gold", "1234.56", "3", "no", "A"]);
    expect(first?.[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(rows.find((r) => r[0] === match2.email)?.slice(1, 6)).toEqual(["", "0.00", "0", "yes", ""]);

    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "users.export"), eq(auditEvents.actorId, admin!.user.id)));
    expect(audit?.after).toMatchObject({ rows: 2, filter: { q: tag, status: ["suspended"] }, columns: expect.arrayContaining(["email", "cf:tier"]) });
  });

  test("GET takes the filter in the query string; an empty result is just the header", async ({ db }) => {
    await signIn(db, "owner");
    const url = new URL("http://localhost/api/export/users");
    url.searchParams.set("filter", JSON.stringify({ q: `nobody-${randomUUID()}` }));
    url.searchParams.set("columns", "email,groups,tags");
    const { text, rows } = await csvOf(await GET(new Request(url)));
    expect(text).toBe("Email,Groups,Tags\n");
    expect(rows).toEqual([]);
  });

  test("group and tag names come joined per user", async ({ db }) => {
    const u = await createUser(db);
    const [g1, g2] = await db.execute(sql`INSERT INTO groups (name) VALUES ('Wholesale'), ('=Evil') RETURNING id`).then((r) =>
      Array.isArray(r) ? r : (r as unknown as { rows: { id: number }[] }).rows,
    );
    await db.execute(sql`INSERT INTO group_members (group_id, user_id) VALUES (${g1!.id}, ${u.id}), (${g2!.id}, ${u.id})`);
    await signIn(db, "admin");
    const { rows } = await csvOf(await post({ ids: [u.id], columns: ["id", "groups", "tags"] }));
    expect(rows).toEqual([[String(u.id), "'=Evil; Wholesale", ""]]);
  });

  test("refuses customers, managers and anonymous callers, and bad input, without an audit entry", async ({ db }) => {
    const body = { columns: ["email"] };
    await signIn(db, null);
    expect((await post(body)).status).toBe(401);
    await signIn(db, "customer");
    expect((await post(body)).status).toBe(403);
    await signIn(db, "manager");
    const refused = await post(body);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { message: "Only admins and owners may export users." } });

    await signIn(db, "admin");
    const bad = await post({ columns: ["email", "password_hash"] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^columns\.1: /);
    const unknownField = await post({ columns: ["cf:nope"] });
    expect(unknownField.status).toBe(400);
    expect((await unknownField.json()).error.message).toBe('columns: "cf:nope" is not a custom field');
    expect((await post({ columns: [] })).status).toBe(400);
    expect((await post({ filter: { status: ["bogus"] }, columns: ["email"] })).status).toBe(400);
    const crossSite = await post(body, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "users.export"))).toEqual([]);
  });

  test("a search with quotes and backslashes is inlined safely into COPY", async ({ db }) => {
    const u = await createUser(db, { company: `O'Brien \\ 50% ${randomUUID().slice(0, 6)}` });
    await signIn(db, "admin");
    const { rows } = await csvOf(await post({ filter: { q: u.company!.slice(0, 14) }, columns: ["id", "company"] }));
    expect(rows).toEqual([[String(u.id), u.company]]);
  });

  test("pages through more rows than one page, in id order", async ({ db }) => {
    const tag = `pg${randomUUID().slice(0, 6)}`;
    await db.execute(sql`INSERT INTO users (email, company) SELECT ${tag} || '-' || i || '@example.test', ${tag} FROM generate_series(1, 4500) i`);
    await signIn(db, "admin");
    console.error("inserted");
    const res = await post({ filter: { q: tag }, columns: ["id", "email"] });
    console.error("response");
    expect(res.headers.get("x-export-rows")).toBe("4500");
    const { rows } = await csvOf(res);
    console.error("read");
    expect(rows).toHaveLength(4500);
    const ids = rows.map((r) => Number(r[0]));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(4500);
    console.error("end of test");
  });
});
