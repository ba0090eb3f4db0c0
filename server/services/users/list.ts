import { and, sql, type SQL } from "drizzle-orm";
import { customerLevels, userCounters, users } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import type { SiteSettings } from "@/server/schemas/settings";
import type { UserListFilter, UserListItem, UserListOutput, UserListQuery, UserSort } from "@/server/schemas/users";
import { ValidationError } from "../core/errors";
import type { ServiceContext } from "../core/context";
import { getSettings } from "../settings/settings";
import { describeActivity } from "./activity";
import { escapeLike, filterConditions } from "./filters";

type Keyed = Exclude<UserSort, "relevance">;

/** Key expressions per sort; each list matches a btree index so every page is an index walk. */
const SORT_KEYS: Record<Keyed, { exprs: SQL[]; casts: string[] }> = {
  created: { exprs: [sql`created_at`, sql`id`], casts: ["timestamptz", "bigint"] },
  name: {
    exprs: [sql`lower(last_name) COLLATE "C"`, sql`lower(first_name) COLLATE "C"`, sql`id`],
    casts: ["text", "text", "bigint"],
  },
  email: { exprs: [sql`lower(email) COLLATE "C"`, sql`id`], casts: ["text", "bigint"] },
  lastActive: { exprs: [sql`coalesce(last_active_at, '-infinity'::timestamptz)`, sql`id`], casts: ["timestamptz", "bigint"] },
  totalSpend: { exprs: [sql`total_spend_cents`, sql`id`], casts: ["bigint", "bigint"] },
};

interface Cursor {
  /** Sort the cursor was made for; a cursor from another sort is refused. */
  s: UserSort;
  d: "asc" | "desc";
  /** Relevance tier (0 = last-name prefix, 1 = any other match). */
  t?: number;
  k: string[];
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string, sort: UserSort, dir: "asc" | "desc", keyCount: number): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    if (c.s === sort && c.d === dir && Array.isArray(c.k) && c.k.length === keyCount && c.k.every((v) => typeof v === "string")) {
      return c;
    }
  } catch {
    /* fall through */
  }
  throw new ValidationError("cursor", "is not valid for this list; start again from the first page");
}

function afterCursor(keys: { exprs: SQL[]; casts: string[] }, values: string[], dir: "asc" | "desc"): SQL {
  const left = sql.join(keys.exprs, sql`, `);
  const right = sql.join(
    values.map((v, i) => sql`${v}::${sql.raw(keys.casts[i] ?? "text")}`),
    sql`, `,
  );
  return dir === "desc" ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

function orderBy(keys: { exprs: SQL[] }, dir: "asc" | "desc"): SQL[] {
  return keys.exprs.map((e) => (dir === "desc" ? sql`${e} DESC` : sql`${e} ASC`));
}

const LIST_COLUMNS = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  company: users.company,
  phone: users.phone,
  role: users.role,
  status: users.status,
  source: users.source,
  levelId: users.levelId,
  subscribed: users.subscribed,
  subscriptionConfirmedAt: users.subscriptionConfirmedAt,
  prospectStage: users.prospectStage,
  orderCount: users.orderCount,
  totalSpendCents: users.totalSpendCents,
  lastOrderAt: users.lastOrderAt,
  lastActiveAt: users.lastActiveAt,
  createdAt: users.createdAt,
  inviteState: users.inviteState,
  emailConfirmedAt: users.emailConfirmedAt,
  anonymisedAt: users.anonymisedAt,
  smartTypeId: users.smartTypeId,
  hasPassword: sql<boolean>`(password_hash IS NOT NULL)`,
};

type Row = { [K in keyof typeof LIST_COLUMNS]: (typeof users.$inferSelect & { hasPassword: boolean })[K & string] } & {
  hasPassword: boolean;
  k: string[];
  smartTypeName?: string | null;
};

// A primary-key probe per row of the page (≤ 100), cheaper than joining before the keyset LIMIT.
const SMART_TYPE_NAME = sql<string | null>`(SELECT st.name FROM smart_types st WHERE st.id = ${users.smartTypeId})`;

async function page(db: Database, where: SQL[], keys: { exprs: SQL[]; casts: string[] }, dir: "asc" | "desc", limit: number) {
  const rows = await db
    .select({ ...LIST_COLUMNS, smartTypeName: SMART_TYPE_NAME, k: sql<string[]>`ARRAY[${sql.join(keys.exprs.map((e) => sql`(${e})::text`), sql`, `)}]` })
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...orderBy(keys, dir))
    .limit(limit);
  return rows as unknown as Row[];
}

export async function listUsers({ ctx, input }: { ctx: ServiceContext; input: UserListQuery }): Promise<UserListOutput> {
  const filter = input.filter ?? {};
  const limit = input.limit ?? 50;
  const q = filter.q?.trim() || undefined;
  const sort: UserSort = input.sort ?? (q ? "relevance" : "created");
  const dir = sort === "relevance" ? "asc" : (input.dir ?? (sort === "name" || sort === "email" ? "asc" : "desc"));
  const settings = await getSettings(ctx.db);
  const now = new Date();

  let rows: (Row & { tier?: number })[];
  if (sort === "relevance") {
    rows = await relevancePage(ctx.db, { ...filter, q }, settings, now, input.cursor ?? null, limit + 1);
  } else {
    const keys = SORT_KEYS[sort];
    const where = filterConditions({ ...filter, q }, settings, now);
    if (input.cursor) where.push(afterCursor(keys, decodeCursor(input.cursor, sort, dir, keys.exprs.length).k, dir));
    rows = await page(ctx.db, where, keys, dir, limit + 1);
  }

  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = hasMore && last ? encodeCursor({ s: sort, d: dir, t: last.tier, k: last.k }) : null;
  const levelNames = await levelNameMap(ctx.db);
  return { items: items.map((r) => toListItem(r, levelNames, settings, now)), nextCursor };
}

/**
 * Best matches first without scoring every match: last-name prefix matches (an index walk on
 * users_name_idx), then every other substring match (trigram index), each tier in name order.
 */
async function relevancePage(
  db: Database,
  filter: UserListFilter,
  settings: SiteSettings,
  now: Date,
  rawCursor: string | null,
  limit: number,
): Promise<(Row & { tier: number })[]> {
  const keys = SORT_KEYS.name;
  const cursor = rawCursor ? decodeCursor(rawCursor, "relevance", "asc", keys.exprs.length) : null;
  const q = filter.q ?? "";
  const lastPrefix = sql`lower(last_name) COLLATE "C" LIKE ${escapeLike(q.toLowerCase()) + "%"}`;
  const base = filterConditions({ ...filter, q: undefined }, settings, now);
  const out: (Row & { tier: number })[] = [];
  const startTier = cursor?.t ?? 0;

  if (startTier === 0 && q) {
    const where = [...base, lastPrefix];
    if (cursor) where.push(afterCursor(keys, cursor.k, "asc"));
    for (const r of await page(db, where, keys, "asc", limit)) out.push({ ...r, tier: 0 });
  }
  if (out.length < limit) {
    const where = [...filterConditions({ ...filter }, settings, now)];
    if (q) where.push(sql`NOT (${lastPrefix})`);
    if (cursor && startTier === 1) where.push(afterCursor(keys, cursor.k, "asc"));
    for (const r of await page(db, where, keys, "asc", limit - out.length)) out.push({ ...r, tier: 1 });
  }
  return out;
}

export async function levelNameMap(db: Database): Promise<Map<number, string>> {
  const levels = await db.select({ id: customerLevels.id, name: customerLevels.name }).from(customerLevels);
  return new Map(levels.map((l) => [l.id, l.name]));
}

export function toListItem(r: Row, levels: Map<number, string>, settings: SiteSettings, now: Date): UserListItem {
  const subscribed = r.subscribed && (!settings.doubleOptIn || r.subscriptionConfirmedAt !== null);
  return {
    id: r.id,
    email: r.email,
    firstName: r.firstName,
    lastName: r.lastName,
    company: r.company,
    phone: r.phone,
    role: r.role,
    status: r.status,
    source: r.source,
    levelId: r.levelId,
    levelName: r.levelId ? (levels.get(r.levelId) ?? null) : null,
    subscribed,
    prospectStage: r.prospectStage,
    orderCount: r.orderCount,
    totalSpendCents: Number(r.totalSpendCents),
    lastOrderAt: r.lastOrderAt,
    lastActiveAt: r.lastActiveAt,
    createdAt: r.createdAt,
    smartTypeId: r.smartTypeId ?? null,
    smartTypeName: r.smartTypeName ?? null,
    activity: describeActivity(
      {
        status: r.status,
        hasPassword: r.hasPassword,
        inviteState: r.inviteState,
        emailConfirmedAt: r.emailConfirmedAt,
        anonymisedAt: r.anonymisedAt,
        lastActiveAt: r.lastActiveAt,
        createdAt: r.createdAt,
      },
      settings,
      now,
    ),
  };
}

/** Above this many matches the pager says "10,000+" instead of counting every row. */
export const COUNT_CAP = 10_000;

/**
 * How many users match a filter, for the pager. Unfiltered it reads the maintained counter; a
 * filtered count stops at COUNT_CAP unless `exact` is asked for, so broad filters stay fast.
 */
export async function countUsers({ ctx, input }: { ctx: ServiceContext; input: { filter: UserListFilter; exact?: boolean } }) {
  const settings = await getSettings(ctx.db);
  const where = filterConditions(input.filter ?? {}, settings);
  if (where.length === 0) {
    const [row] = await ctx.db.select({ n: sql<number>`coalesce(sum(n), 0)::bigint` }).from(userCounters).where(sql`key = 'all'`);
    return { count: Number(row?.n ?? 0), capped: false };
  }
  const limit = input.exact ? sql`` : sql` LIMIT ${COUNT_CAP + 1}`;
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::bigint AS n FROM (SELECT 1 FROM users WHERE ${sql.join(where, sql` AND `)}${limit}) matched`,
  );
  const n = Number(row?.n ?? 0);
  return input.exact || n <= COUNT_CAP ? { count: n, capped: false } : { count: COUNT_CAP, capped: true };
}
