import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, customFieldDefinitions, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { ValidationError } from "@/server/services/core/errors";
import { validateCustomFieldValues } from "@/server/services/settings/custom-fields";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { expectTRPCError } from "../helpers/trpc-errors";

async function defineFields(db: Database) {
  const { caller } = await callerAs(db, "owner");
  await caller.settings.customFields.create({ key: "vat_number", label: "VAT number", type: "text", required: true });
  await caller.settings.customFields.create({ key: "credit_limit", label: "Credit limit", type: "number" });
  await caller.settings.customFields.create({ key: "renewal", label: "Renewal date", type: "date" });
  await caller.settings.customFields.create({ key: "region", label: "Region", type: "select", options: ["North", "South"] });
  await caller.settings.customFields.create({ key: "trade_only", label: "Trade only", type: "boolean" });
  return caller;
}

async function fieldError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    const { field, message } = err as ValidationError;
    expect(message.startsWith(`${field}: `)).toBe(true);
    return message;
  }
  throw new Error("expected a ValidationError");
}

describe("custom field definitions", () => {
  test("only the owner may create, update or delete a field", async ({ db }) => {
    const { caller: owner } = await callerAs(db, "owner");
    const field = await owner.settings.customFields.create({ key: "vat", label: "VAT", type: "text" });
    for (const role of ["admin", "manager", "customer"] as const) {
      const { caller } = await callerAs(db, role);
      await expectTRPCError(caller.settings.customFields.create({ key: "x", label: "X", type: "text" }), "FORBIDDEN");
      await expectTRPCError(caller.settings.customFields.update({ id: field.id, label: "Y" }), "FORBIDDEN");
      await expectTRPCError(caller.settings.customFields.delete({ id: field.id }), "FORBIDDEN");
    }
    await expectTRPCError(anonymousCaller(db).settings.customFields.delete({ id: field.id }), "UNAUTHORIZED");
    expect(await db.select().from(customFieldDefinitions)).toHaveLength(1);
  });

  test("bad definitions name the field and create nothing", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const bad = [
      [{ key: "VAT Number", label: "VAT", type: "text" }, "key"],
      [{ key: "1st", label: "First", type: "text" }, "key"],
      [{ key: "a".repeat(64), label: "Long", type: "text" }, "key"],
      [{ key: "region", label: "Region", type: "select", options: [] }, "options"],
      [{ key: "region", label: "Region", type: "select", options: ["A", "a"] }, "options"],
      [{ key: "region", label: " ", type: "text" }, "label"],
      [{ key: "region", label: "Region", type: "colour" }, "type"],
    ] as const;
    for (const [input, field] of bad) {
      const err = await expectTRPCError(caller.settings.customFields.create(input as never), "BAD_REQUEST");
      expect(err.message).toContain(field);
    }
    expect(await db.select().from(customFieldDefinitions)).toHaveLength(0);
    await caller.settings.customFields.create({ key: "vat", label: "VAT", type: "text" });
    const dup = await expectTRPCError(caller.settings.customFields.create({ key: "vat", label: "Other", type: "number" }), "BAD_REQUEST");
    expect(dup.message).toMatch(/^key: /);
  });

  test("update changes label, required flag and options, audited; a select keeps at least one option", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const f = await caller.settings.customFields.create({ key: "region", label: "Region", type: "select", options: ["North"] });
    const text = await caller.settings.customFields.create({ key: "note", label: "Note", type: "text", options: ["ignored"] });
    expect(text.options).toEqual([]);
    const updated = await caller.settings.customFields.update({ id: f.id, label: "Sales region", required: true, options: ["North", "South"] });
    expect(updated).toMatchObject({ key: "region", type: "select", label: "Sales region", required: true, options: ["North", "South"] });
    const err = await expectTRPCError(caller.settings.customFields.update({ id: f.id, options: [] }), "BAD_REQUEST");
    expect(err.message).toMatch(/^options: /);
    await expectTRPCError(caller.settings.customFields.update({ id: text.id, options: ["A"] }), "BAD_REQUEST");
    await expectTRPCError(caller.settings.customFields.update({ id: 999_999, label: "X" }), "NOT_FOUND");
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "custom_field.update"));
    expect(audit).toMatchObject({ before: { label: "Region", required: false }, after: { label: "Sales region", required: true } });
  });

  test("delete removes the definition and the values users held for it", async ({ db }) => {
    const { caller } = await callerAs(db, "owner");
    const f = await caller.settings.customFields.create({ key: "vat", label: "VAT", type: "text" });
    const holder = await createUser(db, { customFields: { vat: "GB123", other: 1 } });
    const bystander = await createUser(db, { customFields: { other: 2 } });
    expect(await caller.settings.customFields.delete({ id: f.id })).toEqual({ valuesRemoved: 1 });
    const [h] = await db.select().from(users).where(eq(users.id, holder.id));
    const [b] = await db.select().from(users).where(eq(users.id, bystander.id));
    expect(h?.customFields).toEqual({ other: 1 });
    expect(b?.customFields).toEqual({ other: 2 });
    expect((await caller.settings.get()).customFields).toEqual([]);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "custom_field.delete"));
    expect(audit).toMatchObject({ before: { key: "vat", valuesStored: 1 }, after: null });
  });
});

describe("validateCustomFieldValues", () => {
  test("normalises valid values of every type", async ({ db }) => {
    await defineFields(db);
    const out = await validateCustomFieldValues(
      db,
      { vat_number: "  GB123 ", credit_limit: "2500.5", renewal: "2027-02-28", region: "South", trade_only: "true" },
      { requireAll: true },
    );
    expect(out).toEqual({ vat_number: "GB123", credit_limit: 2500.5, renewal: "2027-02-28", region: "South", trade_only: true });
  });

  test("empty optional values are dropped; required ones are refused", async ({ db }) => {
    await defineFields(db);
    expect(await validateCustomFieldValues(db, { credit_limit: null, region: "", trade_only: undefined }, { requireAll: false })).toEqual({});
    expect(await fieldError(validateCustomFieldValues(db, { vat_number: "  " }, { requireAll: false }))).toBe(
      "customFields.vat_number: is required",
    );
    expect(await fieldError(validateCustomFieldValues(db, { credit_limit: 5 }, { requireAll: true }))).toMatch(/^customFields\.vat_number: .*is required/);
    expect(await validateCustomFieldValues(db, { credit_limit: 5 }, { requireAll: false })).toEqual({ credit_limit: 5 });
  });

  test("each wrong value names its field", async ({ db }) => {
    await defineFields(db);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ nickname: "x" }, /^customFields\.nickname: .*is not a defined field/],
      [{ constructor: "x" }, /^customFields\.constructor: .*is not a defined field/],
      [{ credit_limit: "lots" }, /^customFields\.credit_limit: .*number/],
      [{ credit_limit: Infinity }, /^customFields\.credit_limit: .*number/],
      [{ credit_limit: Number.NaN }, /^customFields\.credit_limit: .*number/],
      [{ renewal: "2027-02-30" }, /^customFields\.renewal: .*YYYY-MM-DD/],
      [{ renewal: "28/02/2027" }, /^customFields\.renewal: .*YYYY-MM-DD/],
      [{ region: "East" }, /^customFields\.region: .*one of: North, South/],
      [{ trade_only: "maybe" }, /^customFields\.trade_only: .*true or false/],
      [{ vat_number: "x".repeat(2001) }, /^customFields\.vat_number: .*2000/],
      [{ vat_number: { nested: true } }, /^customFields\.vat_number: .*text/],
    ];
    for (const [values, expected] of cases) {
      expect(await fieldError(validateCustomFieldValues(db, values, { requireAll: false }))).toMatch(expected);
    }
  });

  test("a custom field error reaches a tRPC client as BAD_REQUEST naming the field", async ({ db }) => {
    const { toTRPCError } = await import("@/server/api/errors");
    await defineFields(db);
    const err = await validateCustomFieldValues(db, { region: "East" }, { requireAll: false }).catch((e: unknown) => e);
    expect(toTRPCError(err)).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^customFields\.region: /) });
  });
});
