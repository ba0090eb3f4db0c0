import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect } from "vitest";
import { categories, emailOutbox, groupPriceBreaks, products, timelineEvents } from "@/db/schema";
import type { Database } from "@/db/client";
import { setRestDatabase } from "@/server/api/rest";
import { POST as postPricing } from "@/app/api/v1/pricing/route";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { addToGroup, createGroup } from "../helpers/groups";
import { expectTRPCError } from "../helpers/trpc-errors";

afterEach(() => setRestDatabase(null));

describe("group emails (G4)", () => {
  test("preview says who gets it and who is skipped why; send queues one copy per subscribed member and logs each", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const trade = await createGroup(db, { name: "Trade" });
    const dealer = await createGroup(db, { name: "Dealer" });
    const ann = await createUser(db, { firstName: "Ann", subscribed: true, subscriptionConfirmedAt: new Date() });
    const bob = await createUser(db, { firstName: "Bob", subscribed: true, subscriptionConfirmedAt: new Date() });
    const cat = await createUser(db, { firstName: "Cat", subscribed: false });
    await addToGroup(db, trade.id, [ann.id, bob.id, cat.id]);
    // Bob is in both groups: he still gets one copy.
    await addToGroup(db, dealer.id, [bob.id]);
    const draft = { groupIds: [trade.id, dealer.id], subject: "Hello {{firstName}}", body: "Dear {{firstName}},\n\nNews for {{groupName}} members." };

    const preview = await caller.groups.emails.preview({ ...draft, previewUserId: bob.id });
    expect(preview.recipients).toBe(2);
    expect(preview.skipped).toEqual([{ reason: "not subscribed", count: 1 }]);
    expect(preview.sample).toMatchObject({ userId: bob.id, subject: "Hello Bob" });
    expect(preview.sample?.text).toContain("News for Dealer members.");

    const stale = await expectTRPCError(caller.groups.emails.send({ ...draft, expectedRecipients: 3 }), "CONFLICT");
    expect(stale.message).toMatch(/2 would get it now, not 3/);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "group_email"))).toEqual([]);

    const sent = await caller.groups.emails.send({ ...draft, expectedRecipients: 2 });
    expect(sent.recipients).toBe(2);
    const queued = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "group_email"));
    expect(queued.map((q) => q.toAddress).sort()).toEqual([ann.email, bob.email].sort());
    expect(queued.find((q) => q.userId === ann.id)?.subject).toBe("Hello Ann");
    const events = await db.select().from(timelineEvents).where(and(eq(timelineEvents.kind, "email"), eq(timelineEvents.userId, ann.id)));
    expect(events.map((e) => e.summary)).toEqual(["Group email (Trade): Hello Ann"]);
    expect(await db.select().from(timelineEvents).where(and(eq(timelineEvents.kind, "email"), eq(timelineEvents.userId, cat.id)))).toEqual([]);

    const { caller: manager } = await callerAs(db, "manager");
    const [campaign] = await manager.groups.emails.list({ groupId: dealer.id });
    expect(campaign).toMatchObject({ id: sent.id, recipientCount: 2, skippedCount: 1, groupNames: ["Dealer", "Trade"], delivery: { queued: 2, sent: 0, failed: 0 } });
    const detail = await manager.groups.emails.get({ id: sent.id });
    expect(detail.recipients.map((r) => r.status)).toEqual(["queued", "queued"]);
    await expectTRPCError(manager.groups.emails.send({ ...draft, expectedRecipients: 2 }), "FORBIDDEN");
  });

  test("an unknown merge field or a non-member preview is refused by name", async ({ db }) => {
    const { caller } = await callerAs(db, "admin");
    const group = await createGroup(db);
    const outsider = await createUser(db);
    const bad = await expectTRPCError(caller.groups.emails.preview({ groupIds: [group.id], subject: "Hi {{frstName}}", body: "x" }), "BAD_REQUEST");
    expect(bad.message).toMatch(/^subject: unknown merge field \{\{frstName\}\}/);
    const notMember = await expectTRPCError(caller.groups.emails.preview({ groupIds: [group.id], subject: "Hi", body: "x", previewUserId: outsider.id }), "BAD_REQUEST");
    expect(notMember.message).toMatch(/^previewUserId: is not a member/);
  });
});

describe("POST /api/v1/pricing (G3 for the storefront)", () => {
  async function setup(db: Database) {
    setRestDatabase(db);
    const { caller } = await callerAs(db, "owner");
    const { secret } = await caller.apiKeys.create({ name: "Storefront" });
    const [cat] = await db.insert(categories).values({ name: `Paint ${Math.random()}` }).returning();
    const [tin] = await db.insert(products).values({ sku: `TIN-${Math.random()}`, name: "Tin", priceCents: 1_000, categoryId: cat!.id }).returning();
    const group = await createGroup(db, { name: "Decorators", taxExempt: true });
    await db.insert(groupPriceBreaks).values({ groupId: group.id, categoryId: cat!.id, minQuantity: 10, kind: "percent", percentOffBps: 1_500 });
    const user = await createUser(db);
    await addToGroup(db, group.id, [user.id]);
    return { secret, tin: tin!, user };
  }
  const post = (body: unknown, secret?: string) =>
    postPricing(
      new Request("http://localhost/api/v1/pricing", {
        method: "POST",
        headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
        body: JSON.stringify(body),
      }),
    );

  test("answers unit prices, the break, tax exemption and totals for an API key", async ({ db }) => {
    const { secret, tin, user } = await setup(db);
    const res = await post({ userId: user.id, lines: [{ sku: tin.sku, quantity: 10 }] }, secret);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ taxExempt: true, totalCents: 8_500, lines: [{ unitPriceCents: 850, appliedBreak: { groupName: "Decorators", scope: "category" } }] });
  });

  test("no key is 401; a bad line is 400 naming the field", async ({ db }) => {
    const { secret, user } = await setup(db);
    expect((await post({ userId: user.id, lines: [{ sku: "x", quantity: 1 }] })).status).toBe(401);
    const res = await post({ userId: user.id, lines: [{ sku: "NOPE", quantity: 1 }] }, secret);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual([{ path: "lines.0.sku", message: 'no product with SKU "NOPE"' }]);
  });
});
