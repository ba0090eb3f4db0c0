import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { IngestCustomer } from "@/server/schemas/sales";
import { recordTimeline } from "../core/audit";
import { withTransaction, type ServiceContext } from "../core/context";

const FIELDS = [
  ["firstName", "first_name", "first name"],
  ["lastName", "last_name", "last name"],
  ["phone", "phone", "phone"],
  ["company", "company", "company"],
] as const;

interface CustomerRow {
  id: number;
  role: string;
  source: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  company: string | null;
  anonymised_at: Date | null;
}

export interface UpsertedCustomer {
  id: number;
  source: string;
  result: "created" | "updated" | "unchanged";
}

/**
 * Finds a user by email (case-insensitive) or creates one. The storefront may refresh a customer's
 * contact details but never a staff account's, and never an anonymised record's (that would undo
 * the erasure). Empty strings from the storefront mean "not given", not "erase".
 */
export async function upsertCustomer(
  ctx: ServiceContext,
  input: IngestCustomer,
  source: "ecommerce" | "prospect",
): Promise<UpsertedCustomer> {
  const given = (v: string | undefined) => (v ? v : undefined);
  const inserted = await queryRows<{ id: number }>(
    ctx.db,
    sql`INSERT INTO users (email, first_name, last_name, phone, company, source, status)
        VALUES (${input.email}, ${input.firstName ?? ""}, ${input.lastName ?? ""}, ${given(input.phone) ?? null},
                ${given(input.company) ?? null}, ${source}, ${source === "prospect" ? "pending" : "approved"})
        ON CONFLICT ((lower(email))) DO NOTHING
        RETURNING id`,
  );
  if (inserted[0]) {
    const id = Number(inserted[0].id);
    await recordTimeline(ctx, { userId: id, kind: "created", summary: `Record created (${source}, via the storefront)`, data: { source, via: "api" } });
    return { id, source, result: "created" };
  }
  const [row] = await queryRows<CustomerRow>(
    ctx.db,
    sql`SELECT id, role, source, first_name, last_name, phone, company, anonymised_at FROM users WHERE lower(email) = ${input.email} FOR UPDATE`,
  );
  if (!row) throw new Error("customer vanished between insert and select");
  const id = Number(row.id);
  if (row.role !== "customer" || row.anonymised_at) return { id, source: row.source, result: "unchanged" };

  const changes: { field: string; before: unknown; after: unknown }[] = [];
  const sets = [];
  for (const [key, column] of FIELDS) {
    const next = given(input[key]);
    const current = row[column];
    if (next === undefined || next === current) continue;
    changes.push({ field: key, before: current, after: next });
    sets.push(sql`${sql.raw(column)} = ${next}`);
  }
  if (changes.length === 0) return { id, source: row.source, result: "unchanged" };
  await ctx.db.execute(
    sql`UPDATE users SET ${sql.join(sets, sql`, `)}, version = version + 1, updated_at = now() WHERE id = ${id}`,
  );
  const labels = changes.map((c) => FIELDS.find((f) => f[0] === c.field)?.[2] ?? c.field);
  await recordTimeline(ctx, {
    userId: id,
    kind: "updated",
    summary: `Changed ${labels.join(", ")} (via the storefront)`,
    data: { changes, via: "api" },
  });
  return { id, source: row.source, result: "updated" };
}

/** POST /api/v1/customers: the storefront's customer record, upserted by email in one transaction. */
export async function ingestCustomer({ ctx, input }: { ctx: ServiceContext; input: IngestCustomer }) {
  return withTransaction(ctx, async (tx) => {
    const c = await upsertCustomer(tx, input, "ecommerce");
    return { id: c.id, result: c.result };
  });
}
