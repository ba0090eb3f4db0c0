import { sql, type SQL } from "drizzle-orm";
import type { SiteSettings } from "@/server/schemas/settings";
import type { UserListFilter } from "@/server/schemas/users";
import { membershipConditions } from "../groups/filters";
import { expiryCutoff } from "./activity";

/** Characters LIKE treats specially, escaped so a search for "50%" finds "50%". */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The lower-cased text the trigram index covers (must match users_search_trgm_idx exactly). */
export const SEARCH_DOCUMENT = sql`lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(company, '') || ' ' || coalesce(phone, ''))`;

/** Shortest fragment the trigram index can answer; shorter ones match prefixes only. */
export const MIN_SUBSTRING = 3;

export function searchCondition(q: string): SQL {
  const needle = escapeLike(q.toLowerCase());
  if (q.length >= MIN_SUBSTRING) return sql`${SEARCH_DOCUMENT} LIKE ${"%" + needle + "%"}`;
  const prefix = needle + "%";
  return sql`(lower(last_name) COLLATE "C" LIKE ${prefix} OR lower(first_name) COLLATE "C" LIKE ${prefix} OR lower(email) COLLATE "C" LIKE ${prefix})`;
}

export function activeCondition(settings: Pick<SiteSettings, "passwordExpiryMonths" | "doubleOptIn">, now = new Date()): SQL {
  const cutoff = expiryCutoff(settings, now).toISOString();
  const confirmed = settings.doubleOptIn ? sql` AND email_confirmed_at IS NOT NULL` : sql``;
  return sql`(loginable AND coalesce(last_active_at, created_at) >= ${cutoff}::timestamptz${confirmed})`;
}

export function subscribedCondition(settings: Pick<SiteSettings, "doubleOptIn">): SQL {
  return settings.doubleOptIn ? sql`(subscribed AND subscription_confirmed_at IS NOT NULL)` : sql`subscribed`;
}

function inList(column: SQL, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

const iso = (d: Date) => d.toISOString();
function endOfDay(d: Date): string {
  // A "to" date is inclusive of that whole day when given as a bare date.
  const isMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  return isMidnight ? new Date(d.getTime() + 86_400_000).toISOString() : d.toISOString();
}

/**
 * The WHERE conditions for a list filter over `users` (unqualified column names). Shared by the
 * list, its count, bulk actions and exports, so every one of them selects exactly the same users.
 */
export function filterConditions(
  filter: UserListFilter,
  settings: Pick<SiteSettings, "passwordExpiryMonths" | "doubleOptIn">,
  now = new Date(),
): SQL[] {
  const c: SQL[] = [];
  if (filter.q) c.push(searchCondition(filter.q));
  if (filter.status?.length) c.push(inList(sql`status`, filter.status));
  if (filter.role?.length) c.push(inList(sql`role`, filter.role));
  if (filter.source?.length) c.push(inList(sql`source`, filter.source));
  if (filter.levelId?.length) c.push(inList(sql`level_id`, filter.levelId));
  if (filter.prospectStage?.length) c.push(inList(sql`prospect_stage`, filter.prospectStage));
  if (filter.subscribed !== undefined) {
    c.push(filter.subscribed ? subscribedCondition(settings) : sql`NOT ${subscribedCondition(settings)}`);
  }
  if (filter.active !== undefined) {
    c.push(filter.active ? activeCondition(settings, now) : sql`NOT ${activeCondition(settings, now)}`);
  }
  if (filter.createdFrom) c.push(sql`created_at >= ${iso(filter.createdFrom)}::timestamptz`);
  if (filter.createdTo) c.push(sql`created_at < ${endOfDay(filter.createdTo)}::timestamptz`);
  if (filter.hasOrders !== undefined) c.push(filter.hasOrders ? sql`order_count > 0` : sql`order_count = 0`);
  if (filter.lastOrderFrom) c.push(sql`last_order_at >= ${iso(filter.lastOrderFrom)}::timestamptz`);
  if (filter.lastOrderTo) c.push(sql`last_order_at < ${endOfDay(filter.lastOrderTo)}::timestamptz`);
  if (filter.orderCountMin !== undefined) c.push(sql`order_count >= ${filter.orderCountMin}`);
  if (filter.orderCountMax !== undefined) c.push(sql`order_count <= ${filter.orderCountMax}`);
  if (filter.totalSpendMin !== undefined) c.push(sql`total_spend_cents >= ${filter.totalSpendMin}`);
  if (filter.totalSpendMax !== undefined) c.push(sql`total_spend_cents <= ${filter.totalSpendMax}`);
  c.push(...membershipConditions(filter));
  return c;
}

export function whereClause(conditions: SQL[]): SQL {
  return conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
}
