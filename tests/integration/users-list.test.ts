import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { customerLevels, settings } from "@/db/schema";
import type { Database } from "@/db/client";
import type { UserListInput } from "@/server/schemas/users";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs, type Caller } from "../helpers/callers";
import { createUser } from "../helpers/factories";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function emails(caller: Caller, input: UserListInput) {
  const out = await caller.users.list(input);
  return out.items.map((u) => u.email);
}

/** Walks every page and returns all emails in order. */
async function allPages(caller: Caller, input: UserListInput) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Awaited<ReturnType<Caller["users"]["list"]>> = await caller.users.list({ ...input, cursor });
    seen.push(...page.items.map((u) => u.email));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

async function seedPeople(db: Database) {
  const [trade] = await db.insert(customerLevels).values({ name: "Trade", position: 1 }).returning();
  const [gold] = await db.insert(customerLevels).values({ name: "Gold", position: 2 }).returning();
  await createUser(db, { email: "ada.smith@example.test", firstName: "Ada", lastName: "Smith", company: "Northwind Trading", phone: "+44 7700 900001", levelId: trade!.id, source: "ecommerce", subscribed: true, subscriptionConfirmedAt: new Date(), createdAt: ago(10), lastActiveAt: ago(1), orderCount: 3, totalSpendCents: 12_000, lastOrderAt: ago(2) });
  await createUser(db, { email: "bob.smithers@example.test", firstName: "Bob", lastName: "Smithers", company: "Harbour Supplies", levelId: gold!.id, source: "import", createdAt: ago(20), lastActiveAt: ago(600), orderCount: 1, totalSpendCents: 500, lastOrderAt: ago(300) });
  await createUser(db, { email: "carol@blacksmith.test", firstName: "Carol", lastName: "Jones", company: "Blacksmith Forge", status: "suspended", source: "manual", createdAt: ago(30) });
  await createUser(db, { email: "dan.prospect@example.test", firstName: "Dan", lastName: "Brown", source: "prospect", prospectStage: "qualified", passwordHash: null, createdAt: ago(40), phone: "020 7946 0000" });
  await createUser(db, { email: "erin@invite.test", firstName: "Erin", lastName: "Green", source: "invite", inviteState: "pending", passwordHash: null, createdAt: ago(50) });
  await createUser(db, { email: "faye.staff@example.test", firstName: "Faye", lastName: "Hall", role: "manager", createdAt: ago(60), subscribed: true });
  return { trade: trade!, gold: gold! };
}

describe("users.list", () => {
  test("refuses anonymous callers and customers; managers may read", async ({ db }) => {
    await expect(anonymousCaller(db).users.list({})).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "UNAUTHORIZED");
    const { caller: customer } = await callerAs(db, "customer");
    await expect(customer.users.list({})).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(customer.users.summary()).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(customer.users.count({ filter: {} })).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(customer.users.get({ id: 1 })).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    const { caller: manager } = await callerAs(db, "manager");
    await expect(manager.users.list({})).resolves.toBeTruthy();
  });

  test("search is a case-insensitive substring over name, email, company and phone, best matches first", async ({ db }) => {
    await seedPeople(db);
    const { caller } = await callerAs(db, "admin");
    // "smith": last-name prefix matches (Smith, Smithers) come before other substring matches (blacksmith).
    expect(await emails(caller, { filter: { q: "SMITH" } })).toEqual([
      "ada.smith@example.test",
      "bob.smithers@example.test",
      "carol@blacksmith.test",
    ]);
    expect(await emails(caller, { filter: { q: "harbour" } })).toEqual(["bob.smithers@example.test"]);
    expect(await emails(caller, { filter: { q: "7946" } })).toEqual(["dan.prospect@example.test"]);
    expect(await emails(caller, { filter: { q: "invite.te" } })).toEqual(["erin@invite.test"]);
    // Short fragments match the start of names and emails.
    expect(await emails(caller, { filter: { q: "da" } })).toEqual(["dan.prospect@example.test"]);
    // LIKE wildcards are literal.
    expect(await emails(caller, { filter: { q: "%" } })).toEqual([]);
  });

  test("each filter selects exactly the matching users", async ({ db }) => {
    const { trade, gold } = await seedPeople(db);
    const { caller, user: me } = await callerAs(db, "admin");
    const sorted = async (input: UserListInput) => (await emails(caller, input)).sort();
    expect(await sorted({ filter: { status: ["suspended"] } })).toEqual(["carol@blacksmith.test"]);
    expect(await sorted({ filter: { levelId: [trade.id, gold.id] } })).toEqual(["ada.smith@example.test", "bob.smithers@example.test"]);
    expect(await sorted({ filter: { role: ["manager"] } })).toEqual(["faye.staff@example.test"]);
    expect(await sorted({ filter: { role: ["admin"] } })).toEqual([me.email]);
    expect(await sorted({ filter: { source: ["prospect", "invite"] } })).toEqual(["dan.prospect@example.test", "erin@invite.test"]);
    expect(await sorted({ filter: { prospectStage: ["qualified"] } })).toEqual(["dan.prospect@example.test"]);
    expect(await sorted({ filter: { subscribed: true } })).toEqual(["ada.smith@example.test", "faye.staff@example.test"]);
    expect(await sorted({ filter: { hasOrders: true } })).toEqual(["ada.smith@example.test", "bob.smithers@example.test"]);
    expect((await sorted({ filter: { hasOrders: false } })).length).toBe(5);
    expect(await sorted({ filter: { orderCountMin: 2 } })).toEqual(["ada.smith@example.test"]);
    expect(await sorted({ filter: { orderCountMax: 1, hasOrders: true } })).toEqual(["bob.smithers@example.test"]);
    expect(await sorted({ filter: { totalSpendMin: 1000, totalSpendMax: 20_000 } })).toEqual(["ada.smith@example.test"]);
    expect(await sorted({ filter: { lastOrderFrom: ago(5) } })).toEqual(["ada.smith@example.test"]);
    expect(await sorted({ filter: { lastOrderTo: ago(100) } })).toEqual(["bob.smithers@example.test"]);
    expect(await sorted({ filter: { createdFrom: ago(25), createdTo: ago(15) } })).toEqual(["bob.smithers@example.test"]);
    // Active: approved, has a password, invite accepted, activity within the expiry window (15 months).
    expect(await sorted({ filter: { active: false } })).toEqual([
      "bob.smithers@example.test", // no login for 600 days
      "carol@blacksmith.test", // suspended
      "dan.prospect@example.test", // no password
      "erin@invite.test", // invite pending
    ]);
    // Combined filters AND together.
    expect(await sorted({ filter: { q: "smith", hasOrders: true, active: true } })).toEqual(["ada.smith@example.test"]);
  });

  test("every user says why they are or are not active", async ({ db }) => {
    await seedPeople(db);
    const { caller } = await callerAs(db, "manager");
    const items = (await caller.users.list({ limit: 100 })).items;
    const reason = (email: string) => items.find((u) => u.email === email)?.activity;
    expect(reason("ada.smith@example.test")).toMatchObject({ active: true });
    expect(reason("bob.smithers@example.test")?.reason).toMatch(/^inactive: no login since \d{4}-\d{2}-\d{2}$/);
    expect(reason("carol@blacksmith.test")?.reason).toBe("inactive: status is suspended");
    expect(reason("erin@invite.test")?.reason).toBe("inactive: invite not accepted yet");
  });

  test("double opt-in changes who counts as subscribed and active", async ({ db }) => {
    await seedPeople(db);
    await db.update(settings).set({ doubleOptIn: true });
    const { caller } = await callerAs(db, "admin");
    // Faye subscribed without confirming; her email is confirmed, so she stays active.
    expect(await emails(caller, { filter: { subscribed: true } })).toEqual(["ada.smith@example.test"]);
    await createUser(db, { email: "unconfirmed@example.test", emailConfirmedAt: null });
    expect(await emails(caller, { filter: { active: true, q: "unconfirmed" } })).toEqual([]);
  });

  test("every sort orders correctly and keyset paging crosses page boundaries with ties", async ({ db }) => {
    // 23 users created in one transaction share created_at: the id breaks the tie.
    const made: Awaited<ReturnType<typeof createUser>>[] = [];
    for (let i = 0; i < 23; i++) {
      made.push(
        await createUser(db, {
          email: `p${String(i).padStart(2, "0")}@tie.test`,
          lastName: i % 2 ? "Same" : "Other",
          firstName: `F${i % 3}`,
          totalSpendCents: (i % 4) * 100,
          lastActiveAt: i % 5 === 0 ? null : ago(i % 3),
        }),
      );
    }
    const { caller } = await callerAs(db, "manager");
    const filter = { q: "tie.test" };
    const byId = [...made].sort((a, b) => b.id - a.id).map((u) => u.email);
    expect(await allPages(caller, { filter, sort: "created", limit: 5 })).toEqual(byId);
    expect(await allPages(caller, { filter, sort: "created", dir: "asc", limit: 4 })).toEqual([...byId].reverse());

    const byEmail = made.map((u) => u.email).sort();
    expect(await allPages(caller, { filter, sort: "email", limit: 6 })).toEqual(byEmail);

    const byName = [...made]
      .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.id - b.id)
      .map((u) => u.email);
    expect(await allPages(caller, { filter, sort: "name", limit: 5 })).toEqual(byName);

    const bySpend = [...made].sort((a, b) => b.totalSpendCents - a.totalSpendCents || b.id - a.id).map((u) => u.email);
    expect(await allPages(caller, { filter, sort: "totalSpend", limit: 7 })).toEqual(bySpend);

    const t = (u: (typeof made)[number]) => u.lastActiveAt?.getTime() ?? -Infinity;
    const byActive = [...made].sort((a, b) => t(b) - t(a) || b.id - a.id).map((u) => u.email);
    expect(await allPages(caller, { filter, sort: "lastActive", limit: 5 })).toEqual(byActive);

    // Relevance pages through both tiers without repeats.
    const relevance = await allPages(caller, { filter: { q: "same" }, limit: 4 });
    expect(relevance).toHaveLength(11);
    expect(new Set(relevance).size).toBe(11);
  });

  test("a cursor from another sort is refused with a clear message", async ({ db }) => {
    for (let i = 0; i < 3; i++) await createUser(db);
    const { caller } = await callerAs(db, "manager");
    const first = await caller.users.list({ sort: "created", limit: 1 });
    await expect(caller.users.list({ sort: "email", limit: 1, cursor: first.nextCursor })).rejects.toThrow(/cursor/);
    await expect(caller.users.list({ cursor: "garbage" })).rejects.toThrow(/cursor/);
  });

  test("bad filter input names the field", async ({ db }) => {
    const { caller } = await callerAs(db, "manager");
    await expect(caller.users.list({ filter: { status: ["deleted" as never] } })).rejects.toThrow(/filter\.status/);
    await expect(caller.users.list({ limit: 1000 })).rejects.toThrow(/limit/);
    await expect(caller.users.list({ filter: { createdFrom: "not a date" as never } })).rejects.toThrow(/createdFrom/);
  });

  test("count matches the list for the same filter", async ({ db }) => {
    await seedPeople(db);
    const { caller } = await callerAs(db, "manager");
    const filter = { q: "example.test", hasOrders: false };
    const { count } = await caller.users.count({ filter });
    expect(count).toBe((await allPages(caller, { filter, limit: 2 })).length);
    expect(count).toBeGreaterThan(0);
    const total = await db.execute(sql`select 1`);
    expect(total).toBeTruthy();
  });
});

describe("users.count", () => {
  test("unfiltered reads the counter; filtered counts stop at the cap unless exact is asked", async ({ db }) => {
    const { caller } = await callerAs(db, "manager");
    for (let i = 0; i < 4; i++) await createUser(db, { company: "Cap Co" });
    expect(await caller.users.count({ filter: {} })).toEqual({ count: 5, capped: false });
    expect(await caller.users.count({ filter: { q: "cap co" } })).toEqual({ count: 4, capped: false });
    const { seedUsers } = await import("@/db/seed/users");
    await seedUsers(db, { count: 10_050, passwordHash: "x" });
    expect(await caller.users.count({ filter: { source: ["ecommerce", "subscriber", "manual", "import", "prospect", "invite"] } })).toEqual({
      count: 10_000,
      capped: true,
    });
    expect(await caller.users.count({ filter: { role: ["customer"] }, exact: true })).toEqual({ count: 10_054, capped: false });
  });
});
