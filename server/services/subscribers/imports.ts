import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "@/db/client";
import { subscriberImportLines, subscriberImports } from "@/db/schema";
import {
  MAX_SUBSCRIBER_LINES,
  type ImportCreateInput,
  type ImportLine,
  type ImportLinesInput,
  type ImportSummary,
  type ImportUploadInput,
  type Outcome,
} from "@/server/schemas/subscribers";
import { withTransaction, type ActorContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { checkLine } from "./checks";

type ImportRow = typeof subscriberImports.$inferSelect;

/** Staged lines are working data, not records: a week is plenty to finish a paste. */
const KEEP_DAYS = 7;

/** An import of the caller's own; another admin's paste is not theirs to continue. */
export async function loadImport(ctx: ActorContext, id: number, forUpdate = false): Promise<ImportRow> {
  const q = ctx.db
    .select()
    .from(subscriberImports)
    .where(and(eq(subscriberImports.id, id), eq(subscriberImports.createdById, ctx.actor.id)));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("No such subscriber list: it may have expired. Paste it again.");
  return row;
}

export async function createImport({ ctx, input }: { ctx: ActorContext; input: z.output<typeof ImportCreateInput> }) {
  return withTransaction(ctx, async (tx) => {
    await tx.db.delete(subscriberImports).where(lt(subscriberImports.createdAt, new Date(Date.now() - KEEP_DAYS * 86_400_000)));
    const [row] = await tx.db
      .insert(subscriberImports)
      .values({ action: input.action, checks: input.checks, createdById: ctx.actor.id })
      .returning({ id: subscriberImports.id });
    if (!row) throw new Error("insert returned nothing");
    return { id: row.id };
  });
}

/** One chunk of the paste; the per-line checks run here so the check step is only set-based SQL. */
export async function uploadLines({ ctx, input }: { ctx: ActorContext; input: z.output<typeof ImportUploadInput> }) {
  return withTransaction(ctx, async (tx) => {
    const imp = await loadImport(tx, input.id, true);
    if (imp.status !== "uploading") throw new ValidationError("id", "this list was already checked; start a new one to add lines");
    const checks = { syntax: true, duplicates: true, role: true, disposable: true, typos: true, ...imp.checks };
    const lineNos: number[] = [];
    const raws: string[] = [];
    const emails: (string | null)[] = [];
    const reasons: (string | null)[] = [];
    const suggestions: (string | null)[] = [];
    input.lines.forEach((raw, i) => {
      if (!raw.trim()) return;
      const c = checkLine(raw, checks);
      lineNos.push(input.startLine + i);
      raws.push(raw.trim());
      emails.push(c.email);
      reasons.push(c.reason);
      suggestions.push(c.suggestion);
    });
    if (imp.lineCount + lineNos.length > MAX_SUBSCRIBER_LINES) {
      throw new ValidationError("lines", `a list can hold at most ${MAX_SUBSCRIBER_LINES.toLocaleString("en")} addresses`);
    }
    if (lineNos.length) {
      // One statement over arrays: 10,000 lines cost one round trip and five bind parameters.
      await tx.db.execute(sql`INSERT INTO subscriber_import_lines (import_id, line_no, raw, email, reason, suggestion, outcome)
        SELECT ${imp.id}::bigint, t.line_no, t.raw, t.email, t.reason, t.suggestion, CASE WHEN t.reason IS NULL THEN NULL ELSE 'rejected' END
        FROM unnest(${pgArray(lineNos)}::int[], ${pgArray(raws)}::text[], ${pgArray(emails)}::text[], ${pgArray(reasons)}::text[], ${pgArray(suggestions)}::text[])
          AS t(line_no, raw, email, reason, suggestion)
        ON CONFLICT (import_id, line_no) DO NOTHING`);
    }
    await tx.db
      .update(subscriberImports)
      .set({ lineCount: sql`(SELECT count(*)::int FROM subscriber_import_lines WHERE import_id = ${imp.id})` })
      .where(eq(subscriberImports.id, imp.id));
    return { received: lineNos.length };
  });
}

/** A Postgres array literal: both drivers pass it as one text parameter, whatever its length. */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values
    .map((v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`))
    .join(",")}}`;
}

/**
 * S2/S3: the set-based half of the check. Repeats of an address are rejected (or merged when that
 * check is off), then every remaining line is compared with the users table through
 * UNIQUE (lower(email)): new, updated, or unchanged because it is already in that state.
 */
export async function checkImport({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<ImportSummary> {
  await withTransaction(ctx, async (tx) => {
    const imp = await loadImport(tx, input.id, true);
    if (imp.status !== "uploading") throw new ValidationError("id", "this list was already checked");
    if (imp.lineCount === 0) throw new ValidationError("lines", "the list is empty: paste at least one address");
    const dupReject = imp.checks.duplicates !== false;
    await tx.db.execute(sql`UPDATE subscriber_import_lines l
      SET outcome = ${dupReject ? "rejected" : "unchanged"},
          reason = ${dupReject ? "Duplicate: same address as line " : "Merged: same address as line "} || d.first_line
      FROM (
        SELECT line_no, min(line_no) OVER (PARTITION BY email) AS first_line
        FROM subscriber_import_lines WHERE import_id = ${imp.id} AND outcome IS NULL
      ) d
      WHERE l.import_id = ${imp.id} AND l.line_no = d.line_no AND d.line_no <> d.first_line`);
    const subscribe = imp.action === "subscribe";
    await tx.db.execute(sql`UPDATE subscriber_import_lines l
      SET user_id = u.id,
          outcome = CASE WHEN u.subscribed = ${subscribe} THEN 'unchanged' ELSE 'updated' END,
          reason = CASE WHEN u.subscribed = ${subscribe}
            THEN ${subscribe ? "Already subscribed" : "Already unsubscribed"}
                 || CASE WHEN u.subscribed AND u.subscription_confirmed_at IS NULL THEN ' (awaiting confirmation)' ELSE '' END
            ELSE NULL END
      FROM users u
      WHERE l.import_id = ${imp.id} AND l.outcome IS NULL AND lower(u.email) = l.email`);
    await tx.db.execute(sql`UPDATE subscriber_import_lines
      SET outcome = ${subscribe ? "new" : "unchanged"}, reason = ${subscribe ? null : "Nobody has this address: nothing to unsubscribe"}
      WHERE import_id = ${imp.id} AND outcome IS NULL`);
    await tx.db
      .update(subscriberImports)
      .set({ status: "checked", checkedAt: new Date(), counts: await countOutcomes(tx, imp.id) })
      .where(eq(subscriberImports.id, imp.id));
  });
  return importSummary({ ctx, input });
}

async function countOutcomes(ctx: ActorContext, id: number): Promise<Record<Outcome, number>> {
  const rows = await queryRows<{ outcome: Outcome; n: number }>(
    ctx.db,
    sql`SELECT outcome, count(*)::int AS n FROM subscriber_import_lines WHERE import_id = ${id} GROUP BY outcome`,
  );
  const counts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) if (r.outcome in counts) counts[r.outcome] = Number(r.n);
  return counts;
}

export async function importSummary({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<ImportSummary> {
  const imp = await loadImport(ctx, input.id);
  const reasons = await queryRows<{ reason: string; n: number }>(
    ctx.db,
    sql`SELECT split_part(reason, ':', 1) AS reason, count(*)::int AS n FROM subscriber_import_lines
        WHERE import_id = ${imp.id} AND outcome = 'rejected' GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const settings = await getSettings(ctx.db);
  return {
    id: imp.id,
    action: imp.action,
    status: imp.status,
    lineCount: imp.lineCount,
    counts: (imp.counts as Record<Outcome, number> | null) ?? (await countOutcomes(ctx, imp.id)),
    reasons: reasons.map((r) => ({ reason: r.reason, count: Number(r.n) })),
    doubleOptIn: settings.doubleOptIn,
  };
}

export async function importLines({ ctx, input }: { ctx: ActorContext; input: z.output<typeof ImportLinesInput> }) {
  const imp = await loadImport(ctx, input.id);
  const conditions = [eq(subscriberImportLines.importId, imp.id), gt(subscriberImportLines.lineNo, input.cursor ?? 0)];
  if (input.outcome) conditions.push(eq(subscriberImportLines.outcome, input.outcome));
  const rows = await ctx.db
    .select({
      lineNo: subscriberImportLines.lineNo,
      raw: subscriberImportLines.raw,
      email: subscriberImportLines.email,
      outcome: subscriberImportLines.outcome,
      reason: subscriberImportLines.reason,
      suggestion: subscriberImportLines.suggestion,
    })
    .from(subscriberImportLines)
    .where(and(...conditions))
    .orderBy(asc(subscriberImportLines.lineNo))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit) as ImportLine[];
  return { items: page, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.lineNo ?? null) : null };
}

function csvCell(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** S3: the whole preview as CSV, line by line, for the admin to keep or fix. */
export async function importCsv({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<string> {
  const imp = await loadImport(ctx, input.id);
  const rows = await queryRows<{ line_no: number; raw: string; email: string | null; outcome: string | null; reason: string | null; suggestion: string | null }>(
    ctx.db,
    sql`SELECT line_no, raw, email, outcome, reason, suggestion FROM subscriber_import_lines WHERE import_id = ${imp.id} ORDER BY line_no`,
  );
  const out = ["line,input,email,outcome,reason,suggestion"];
  for (const r of rows) out.push([r.line_no, r.raw, r.email, r.outcome, r.reason, r.suggestion].map(csvCell).join(","));
  return out.join("\r\n") + "\r\n";
}
