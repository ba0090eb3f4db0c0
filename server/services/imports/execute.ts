import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { ImportExecuteInput, ImportPreviewInput, ImportReport, ImportResult, ImportTotals } from "@/server/schemas/imports";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ActorContext } from "../core/context";
import { ConflictError } from "../core/errors";
import { planImport, type ImportedUser, type PlannedCreate, type PlannedUpdate } from "./plan";

/** The dry run: reads the file, checks every row, and changes nothing. */
export async function previewImport({ ctx, input }: { ctx: ActorContext; input: ImportPreviewInput }): Promise<ImportReport> {
  return (await planImport(ctx.db, input, { lock: false })).report;
}

const describe = (t: ImportTotals) => `${t.create} to create, ${t.update} to update, ${t.unchanged} unchanged, ${t.error} with errors`;

// jsonb_to_recordset turns one JSON parameter into rows: one statement for any number of users, on either driver.
const RECORD = sql.raw(`x(
  ord int, id bigint, version int, email text, first_name text, last_name text, phone text, company text, job_title text,
  address_line1 text, address_line2 text, city text, region text, postcode text, country text, status text,
  level_id int, subscribed boolean, prospect_stage text, custom_fields jsonb)`);

function record(ord: number, v: ImportedUser, id?: number, version?: number) {
  return {
    ord,
    id,
    version,
    email: v.email,
    first_name: v.firstName,
    last_name: v.lastName,
    phone: v.phone,
    company: v.company,
    job_title: v.jobTitle,
    address_line1: v.addressLine1,
    address_line2: v.addressLine2,
    city: v.city,
    region: v.region,
    postcode: v.postcode,
    country: v.country,
    status: v.status,
    level_id: v.levelId,
    subscribed: v.subscribed,
    prospect_stage: v.prospectStage,
    custom_fields: v.customFields,
  };
}

async function insertUsers(ctx: ActorContext, creates: PlannedCreate[]): Promise<{ id: number; email: string }[]> {
  if (creates.length === 0) return [];
  const json = JSON.stringify(creates.map((c, i) => record(i, c.values)));
  return queryRows<{ id: number; email: string }>(
    ctx.db,
    sql`INSERT INTO users (email, first_name, last_name, phone, company, job_title, address_line1, address_line2, city, region,
          postcode, country, status, level_id, subscribed, subscription_changed_at, subscription_confirmed_at, prospect_stage,
          custom_fields, source)
        SELECT x.email, x.first_name, x.last_name, x.phone, x.company, x.job_title, x.address_line1, x.address_line2, x.city,
          x.region, x.postcode, x.country, x.status::user_status, x.level_id, x.subscribed,
          CASE WHEN x.subscribed THEN now() END, CASE WHEN x.subscribed THEN now() END,
          x.prospect_stage::prospect_stage, x.custom_fields, 'import'
        FROM jsonb_to_recordset(${json}::jsonb) AS ${RECORD}
        ORDER BY x.ord
        RETURNING id::bigint AS id, email`,
  );
}

async function updateUsers(ctx: ActorContext, updates: PlannedUpdate[]): Promise<number> {
  if (updates.length === 0) return 0;
  const json = JSON.stringify(updates.map((u, i) => record(i, u.values, u.id, u.version)));
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`WITH changed AS (
          UPDATE users u SET first_name = x.first_name, last_name = x.last_name, phone = x.phone, company = x.company,
            job_title = x.job_title, address_line1 = x.address_line1, address_line2 = x.address_line2, city = x.city,
            region = x.region, postcode = x.postcode, country = x.country, status = x.status::user_status,
            level_id = x.level_id, prospect_stage = x.prospect_stage::prospect_stage, custom_fields = x.custom_fields,
            subscribed = x.subscribed,
            subscription_changed_at = CASE WHEN x.subscribed <> u.subscribed THEN now() ELSE u.subscription_changed_at END,
            subscription_confirmed_at = CASE WHEN x.subscribed AND NOT u.subscribed THEN now()
              WHEN NOT x.subscribed THEN NULL ELSE u.subscription_confirmed_at END,
            version = u.version + 1, updated_at = now()
          FROM jsonb_to_recordset(${json}::jsonb) AS ${RECORD}
          WHERE u.id = x.id AND u.version = x.version
          RETURNING 1
        ) SELECT count(*)::int AS n FROM changed`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Applies the file in one transaction: the plan is made again with the users locked and must
 * match the dry run the admin confirmed; new users are inserted and changed ones updated in one
 * statement each; every one gets a timeline entry and the import one audit entry.
 */
export async function executeImport({ ctx, input }: { ctx: ActorContext; input: ImportExecuteInput }): Promise<ImportResult> {
  return withTransaction(ctx, async (tx) => {
    const plan = await planImport(tx.db, input, { lock: true });
    const now = plan.report.totals;
    const expected = input.expected;
    if (now.create !== expected.create || now.update !== expected.update || now.unchanged !== expected.unchanged || now.error !== expected.error) {
      throw new ConflictError(
        `The users changed since the dry run: the file would now give ${describe(now)} (the dry run said ${describe(expected)}). Nothing was changed; run the dry run again.`,
      );
    }
    const created = await insertUsers(tx, plan.creates);
    const updated = await updateUsers(tx, plan.updates);
    if (created.length !== plan.creates.length || updated !== plan.updates.length) {
      throw new ConflictError("Some of these users were changed by someone else during the import. Nothing was changed; run the dry run again.");
    }
    const by = ctx.actor.name;
    const file = input.fileName ? ` (${input.fileName})` : "";
    await recordTimeline(tx, [
      ...created.map((c) => ({ userId: Number(c.id), kind: "created", summary: `Imported from CSV${file} by ${by}`, data: { source: "import" } })),
      ...plan.updates.map((u) => ({
        userId: u.id,
        kind: "updated",
        summary: `Changed ${u.changes.map((c) => c.label).join(", ")} (CSV import)`,
        data: { import: true, changes: u.changes.map(({ field, before, after }) => ({ field, before, after })) },
      })),
    ]);
    const result: ImportResult = { created: created.length, updated, unchanged: now.unchanged, errors: now.error };
    await recordAudit(tx, {
      action: "users.import",
      targetType: "users",
      targetId: input.fileName ?? "csv",
      after: { ...result, rows: plan.report.rows.length, fileName: input.fileName ?? null, mapping: plan.report.mapping },
    });
    return result;
  });
}
