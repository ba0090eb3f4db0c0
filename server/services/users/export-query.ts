import { sql, type SQL } from "drizzle-orm";
import { EXPORT_COLUMNS, type ExportColumn } from "@/server/schemas/exports";
import type { CustomFieldDefinition, SiteSettings } from "@/server/schemas/settings";
import { ValidationError } from "../core/errors";
import { activeCondition, subscribedCondition } from "./filters";

/**
 * The SELECT behind a user export, shared by both drivers: PostgreSQL runs it inside
 * `COPY (…) TO STDOUT`, PGlite pages through it by id. Every cell is text (so both paths print the
 * same bytes) and free text is neutralised against spreadsheet formula injection in SQL.
 */

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export const FORMULA_START = ["=", "+", "-", "@", "\t", "\r"] as const;
const FORMULA_SQL = sql.raw(`('=', '+', '-', '@', chr(9), chr(13))`);

function neutral(e: SQL): SQL {
  return sql`(CASE WHEN left(${e}, 1) IN ${FORMULA_SQL} THEN '''' || ${e} ELSE ${e} END)`;
}
const utc = (column: string) => sql.raw(`to_char(u.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
const yesNo = (e: SQL) => sql`(CASE WHEN ${e} THEN 'yes' ELSE 'no' END)`;
const text = (column: string) => neutral(sql.raw(`u.${column}`));

/** How many minor units the site currency has (GBP 2, JPY 0), for "total spend" in major units. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

type Joins = "level" | "smartType" | "groups" | "tags";

function builtIn(key: string, digits: number): { expr: SQL; join?: Joins } {
  switch (key) {
    case "id":
      return { expr: sql`u.id::text` };
    case "email":
      return { expr: text("email") };
    case "firstName":
      return { expr: text("first_name") };
    case "lastName":
      return { expr: text("last_name") };
    case "phone":
      return { expr: text("phone") };
    case "company":
      return { expr: text("company") };
    case "jobTitle":
      return { expr: text("job_title") };
    case "addressLine1":
      return { expr: text("address_line1") };
    case "addressLine2":
      return { expr: text("address_line2") };
    case "city":
      return { expr: text("city") };
    case "region":
      return { expr: text("region") };
    case "postcode":
      return { expr: text("postcode") };
    case "country":
      return { expr: text("country") };
    case "role":
      return { expr: sql`u.role::text` };
    case "status":
      return { expr: sql`u.status::text` };
    case "source":
      return { expr: sql`u.source::text` };
    case "prospectStage":
      return { expr: sql`u.prospect_stage::text` };
    case "level":
      return { expr: neutral(sql`l.name`), join: "level" };
    case "smartType":
      return { expr: neutral(sql`st.name`), join: "smartType" };
    case "subscribed":
      return { expr: yesNo(sql`u.export_subscribed`) };
    case "active":
      return { expr: yesNo(sql`u.export_active`) };
    case "orderCount":
      return { expr: sql`u.order_count::text` };
    case "totalSpend":
      return { expr: sql.raw(`(u.total_spend_cents::numeric / ${10 ** digits})::numeric(20, ${digits})::text`) };
    case "lastOrderAt":
      return { expr: utc("last_order_at") };
    case "lastActiveAt":
      return { expr: utc("last_active_at") };
    case "createdAt":
      return { expr: utc("created_at") };
    case "groups":
      return { expr: neutral(sql`ga.names`), join: "groups" };
    case "tags":
      return { expr: neutral(sql`ta.names`), join: "tags" };
    default:
      throw new ValidationError("columns", `"${key}" is not an exportable column`);
  }
}

export interface ExportPlan {
  headers: string[];
  exprs: SQL[];
  joins: Set<Joins>;
}

export function planColumns(columns: readonly ExportColumn[], fields: readonly CustomFieldDefinition[], currency: string): ExportPlan {
  const digits = currencyDigits(currency);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const labels = new Map<string, string>(EXPORT_COLUMNS.map((c) => [c.key, c.label]));
  const plan: ExportPlan = { headers: [], exprs: [], joins: new Set() };
  for (const column of columns) {
    if (column.startsWith("cf:")) {
      const def = byKey.get(column.slice(3));
      if (!def) throw new ValidationError("columns", `"${column}" is not a custom field`);
      plan.headers.push(def.label);
      plan.exprs.push(neutral(sql`(u.custom_fields ->> ${def.key}::text)`));
    } else {
      const { expr, join } = builtIn(column, digits);
      plan.headers.push(labels.get(column) ?? column);
      plan.exprs.push(expr);
      if (join) plan.joins.add(join);
    }
  }
  return plan;
}

/** Name lists per user: one pass over all memberships for big exports, a probe per row for small ones. */
function namesJoin(alias: "ga" | "ta", link: "group_members" | "user_tags", named: "groups" | "tags", key: string, perRow: boolean): SQL {
  const agg = `string_agg(n.name, '; ' ORDER BY lower(n.name))`;
  if (perRow) {
    return sql.raw(
      `LEFT JOIN LATERAL (SELECT ${agg} AS names FROM ${link} m JOIN ${named} n ON n.id = m.${key} WHERE m.user_id = u.id) ${alias} ON true`,
    );
  }
  return sql.raw(
    `LEFT JOIN (SELECT m.user_id, ${agg} AS names FROM ${link} m JOIN ${named} n ON n.id = m.${key} GROUP BY m.user_id) ${alias} ON ${alias}.user_id = u.id`,
  );
}

export interface SelectOptions {
  /** Conditions over unqualified `users` columns (filterConditions or an id list). */
  where: SQL[];
  settings: Pick<SiteSettings, "passwordExpiryMonths" | "doubleOptIn">;
  /** Probe memberships per row (small exports, pages) rather than aggregating them all. */
  perRow: boolean;
  /** PGlite paging: rows after this id, at most `limit`, with the id first as `k`. */
  page?: { after: number; limit: number };
}

export function exportSelect(plan: ExportPlan, opts: SelectOptions): SQL {
  const where = [...opts.where];
  if (opts.page) where.push(sql`id > ${opts.page.after}::bigint`);
  // Conditions run inside a subquery over users alone, so their bare column names never clash with the joins.
  const inner = sql`SELECT *, ${activeCondition(opts.settings)} AS export_active, ${subscribedCondition(opts.settings)} AS export_subscribed
    FROM users ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}`;
  const cols = plan.exprs.map((e, i) => sql`${e} AS ${sql.raw(`c${i}`)}`);
  if (opts.page) cols.unshift(sql`u.id AS k`);
  const joins: SQL[] = [];
  if (plan.joins.has("level")) joins.push(sql`LEFT JOIN customer_levels l ON l.id = u.level_id`);
  if (plan.joins.has("smartType")) joins.push(sql`LEFT JOIN smart_types st ON st.id = u.smart_type_id`);
  if (plan.joins.has("groups")) joins.push(namesJoin("ga", "group_members", "groups", "group_id", opts.perRow));
  if (plan.joins.has("tags")) joins.push(namesJoin("ta", "user_tags", "tags", "tag_id", opts.perRow));
  const limit = opts.page ? sql` LIMIT ${opts.page.limit}` : sql``;
  return sql`SELECT ${sql.join(cols, sql`, `)} FROM (${inner}) u ${sql.join(joins, sql` `)} ORDER BY u.id${limit}`;
}

/**
 * One CSV cell exactly as PostgreSQL's COPY (FORMAT csv) prints it: NULL is empty, an empty string
 * is `""`, and a value is quoted when it holds a comma, quote, CR or LF (or is `\.` alone).
 */
export function csvCell(value: string | null, onlyColumn = false): string {
  if (value === null) return "";
  if (value === "" || /[",\r\n]/.test(value) || (onlyColumn && value === "\\.")) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function csvLine(values: readonly (string | null)[]): string {
  return values.map((v) => csvCell(v, values.length === 1)).join(",") + "\n";
}

/** Header cells go through the same neutralisation as the data. */
export function neutralHeader(label: string): string {
  return (FORMULA_START as readonly string[]).includes(label.charAt(0)) ? `'${label}` : label;
}
