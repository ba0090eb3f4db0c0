import Papa from "papaparse";
import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { TARGET_SORTS, type TargetsReport, type TargetsReportInput, type TargetsReportRow } from "@/server/schemas/sales";
import type { z } from "zod";
import type { TargetsReportInput as TargetsReportInputSchema } from "@/server/schemas/sales";
import type { ServiceContext } from "../core/context";
import { ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { escapeLike } from "../users/filters";
import { percent, standing, PACE_BAND, yearWindow } from "./pace";
import { REVENUE } from "./rollup";
import { majorDecimal } from "../commerce/money";

type Input = z.output<typeof TargetsReportInputSchema>;
type Sort = (typeof TARGET_SORTS)[number];

const SORT_KEY: Record<Sort, { expr: string; cast: string }> = {
  percent: { expr: "ratio", cast: "numeric" },
  name: { expr: "sort_name", cast: "text" },
  ytd: { expr: "ytd", cast: "bigint" },
  target: { expr: "target", cast: "bigint" },
};

interface Cursor {
  s: Sort;
  d: "asc" | "desc";
  k: string;
  id: number;
}

function decode(raw: string, sort: Sort, dir: "asc" | "desc"): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    if (c.s === sort && c.d === dir && typeof c.k === "string" && Number.isSafeInteger(c.id)) return c;
  } catch {
    // fall through
  }
  throw new ValidationError("cursor", "is not valid for this report; start again from the first page");
}

interface Row {
  user_id: number;
  name: string;
  email: string;
  company: string | null;
  level_name: string | null;
  target: number;
  ytd: number;
  k: string;
  total: number;
}

/**
 * Every user with a target, year to date at `asOf`. One LATERAL sum per target user over the covering
 * orders index (never a GROUP BY over all orders); sorted and keyset-paged on the computed key.
 */
async function targetRows(ctx: ServiceContext, input: Input, limit: number | null) {
  const asOf = input.asOf ?? new Date();
  const w = yearWindow(asOf);
  const where: SQL[] = [];
  const q = input.q?.trim();
  if (q) {
    const like = `%${escapeLike(q.toLowerCase())}%`;
    where.push(sql`(lower(u.first_name || ' ' || u.last_name) LIKE ${like} OR lower(u.email) LIKE ${like} OR lower(coalesce(u.company, '')) LIKE ${like})`);
  }
  if (input.levelId?.length) where.push(sql`u.level_id IN (${sql.join(input.levelId.map((id) => sql`${id}`), sql`, `)})`);
  const pace = sql`(target * ${w.elapsed}::numeric)`;
  const standingSql: Record<string, SQL> = {
    behind: sql`ytd < ${pace} * ${1 - PACE_BAND}`,
    ahead: sql`ytd > ${pace} * ${1 + PACE_BAND}`,
    onPace: sql`(ytd >= ${pace} * ${1 - PACE_BAND} AND ytd <= ${pace} * ${1 + PACE_BAND})`,
  };
  const standingWhere = input.standing?.length ? sql`(${sql.join(input.standing.map((s) => standingSql[s] as SQL), sql` OR `)})` : sql`true`;
  const key = SORT_KEY[input.sort];
  const dir = sql.raw(input.dir === "asc" ? "ASC" : "DESC");
  const cmp = sql.raw(input.dir === "asc" ? ">" : "<");
  const cursor = input.cursor ? decode(input.cursor, input.sort, input.dir) : null;
  const after = cursor ? sql`(${sql.raw(key.expr)}, user_id) ${cmp} (${cursor.k}::${sql.raw(key.cast)}, ${cursor.id}::bigint)` : sql`true`;

  // Users are joined inside only when a filter or the name sort needs them; otherwise the ranking runs
  // over sales_targets and the covering orders index alone, and only the page's users are looked up.
  const needUsers = where.length > 0 || input.sort === "name";
  const rows = await queryRows<Row>(
    ctx.db,
    sql`
    WITH r AS (
      SELECT t.user_id, t.annual_target_cents AS target, s.ytd, (s.ytd::numeric / t.annual_target_cents) AS ratio
             ${needUsers ? sql`, lower(u.last_name) || ' ' || lower(u.first_name) AS sort_name` : sql``}
      FROM sales_targets t
      ${needUsers ? sql`JOIN users u ON u.id = t.user_id` : sql``}
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(o.total_cents), 0)::bigint AS ytd FROM orders o
        WHERE o.user_id = t.user_id AND ${REVENUE}
          AND o.placed_at >= ${w.start.toISOString()}::timestamptz AND o.placed_at < ${w.cutoff.toISOString()}::timestamptz
      ) s
      ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ), f AS MATERIALIZED (SELECT * FROM r WHERE ${standingWhere}),
    page AS (
      SELECT *, ${sql.raw(key.expr)}::text AS k FROM f WHERE ${after}
      ORDER BY ${sql.raw(key.expr)} ${dir}, user_id ${dir}
      ${limit === null ? sql`` : sql`LIMIT ${limit + 1}`}
    )
    SELECT p.user_id, trim(u.first_name || ' ' || u.last_name) AS name, u.email, u.company, l.name AS level_name,
           p.target, p.ytd, p.k, (SELECT count(*) FROM f)::int AS total
    FROM page p JOIN users u ON u.id = p.user_id LEFT JOIN customer_levels l ON l.id = u.level_id
    ORDER BY p.${sql.raw(key.expr)} ${dir}, p.user_id ${dir}`,
  );
  return { w, asOf, rows };
}

function toRow(r: Row, elapsed: number): TargetsReportRow {
  const target = Number(r.target);
  const ytd = Number(r.ytd);
  const pace = Math.round(target * elapsed);
  return {
    userId: Number(r.user_id),
    name: r.name,
    email: r.email,
    company: r.company,
    levelName: r.level_name,
    annualTargetCents: target,
    ytdCents: ytd,
    paceCents: pace,
    projectionCents: elapsed > 0 ? Math.round(ytd / elapsed) : 0,
    percentOfTarget: percent(ytd, target),
    standing: standing(ytd, target * elapsed),
  };
}

export async function targetsReport({ ctx, input }: { ctx: ServiceContext; input: Input }): Promise<TargetsReport> {
  const { currency } = await getSettings(ctx.db);
  const { w, asOf, rows } = await targetRows(ctx, input, input.limit);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > input.limit && last
      ? Buffer.from(JSON.stringify({ s: input.sort, d: input.dir, k: last.k, id: Number(last.user_id) } satisfies Cursor)).toString("base64url")
      : null;
  return { currency, year: w.year, asOf, items: page.map((r) => toRow(r, w.elapsed)), nextCursor, total: Number(rows[0]?.total ?? 0) };
}

const STANDING_LABEL = { behind: "Behind", onPace: "On pace", ahead: "Ahead" } as const;

/** The whole filtered report as CSV, in the table's order; amounts in major units of the site currency. */
export async function targetsReportCsv({ ctx, input }: { ctx: ServiceContext; input: Input }): Promise<{ filename: string; csv: string }> {
  const { currency } = await getSettings(ctx.db);
  const { w, rows } = await targetRows(ctx, { ...input, cursor: null }, null);
  const major = (c: number) => majorDecimal(c, currency);
  const data = rows.map((r) => {
    const v = toRow(r, w.elapsed);
    return [v.name, v.email, v.company ?? "", v.levelName ?? "", major(v.annualTargetCents), major(v.ytdCents), major(v.paceCents), major(v.projectionCents), v.percentOfTarget.toFixed(1), STANDING_LABEL[v.standing]];
  });
  const fields = ["Name", "Email", "Company", "Level", `Annual target (${currency})`, `Year to date (${currency})`, `Pace (${currency})`, `Projection (${currency})`, "% of target", "Standing"];
  return { filename: `sales-targets-${w.year}.csv`, csv: Papa.unparse({ fields, data }, { escapeFormulae: true }) };
}

export type { TargetsReportInput };
