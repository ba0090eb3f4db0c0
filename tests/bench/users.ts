// User Manager questions: counts, list (first page and 10,000 deep), search, record with timeline,
// smart-type report. Each is timed through the procedure and beside it as hand-written SQL.
import { sql as dsql } from "drizzle-orm";
import type { Case } from "./lib";
import type { BenchContext } from "./context";

const LIST_COLUMNS = `u.id, u.email, u.first_name, u.last_name, u.company, u.phone, u.role, u.status, u.source, u.level_id,
  l.name AS level_name, u.subscribed, u.subscription_confirmed_at, u.prospect_stage, u.order_count, u.total_spend_cents,
  u.last_order_at, u.last_active_at, u.created_at, u.invite_state, u.email_confirmed_at, u.anonymised_at, u.smart_type_id,
  st.name AS smart_type_name, (u.password_hash IS NOT NULL) AS has_password`;
const LIST_FROM = `users u LEFT JOIN customer_levels l ON l.id = u.level_id LEFT JOIN smart_types st ON st.id = u.smart_type_id`;
const SEARCH_DOC = `lower(u.first_name || ' ' || u.last_name || ' ' || u.email || ' ' || coalesce(u.company, '') || ' ' || coalesce(u.phone, ''))`;
const NAME_ORDER = `lower(u.last_name) COLLATE "C", lower(u.first_name) COLLATE "C", u.id`;

function decodeCursor(raw: string): string[] {
  return (JSON.parse(Buffer.from(raw, "base64url").toString()) as { k: string[] }).k;
}

export async function userCases(b: BenchContext): Promise<Case[]> {
  const { caller, bare, picks, http, log } = b;
  const filtered = { status: ["approved" as const], groupIds: [picks.groupId], tagIds: [picks.tagId] };

  // Walk 200 pages of 50 through the procedure, as someone paging would, to reach 10,000 deep.
  async function walk(filter: object): Promise<{ cursor: string | null; pages: number; ms: number }> {
    const started = performance.now();
    let cursor: string | null = null;
    let pages = 0;
    for (; pages < 200; pages++) {
      const page: { nextCursor: string | null } = await caller.users.list({ filter, cursor, limit: 50 });
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { cursor, pages, ms: performance.now() - started };
  }
  const deepAll = await walk({});
  const deepFiltered = await walk(filtered);
  log(`walked ${deepAll.pages} pages unfiltered in ${deepAll.ms.toFixed(0)} ms, ${deepFiltered.pages} filtered in ${deepFiltered.ms.toFixed(0)} ms`);

  const [cutoffAll, cutoffAllId] = deepAll.cursor ? decodeCursor(deepAll.cursor) : [null, null];
  const [cutoffF, cutoffFId] = deepFiltered.cursor ? decodeCursor(deepFiltered.cursor) : [null, null];

  const filterSql = `u.status = 'approved'
    AND EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = $1 AND gm.user_id = u.id)
    AND EXISTS (SELECT 1 FROM user_tags ut WHERE ut.tag_id = $2 AND ut.user_id = u.id)`;

  // The summary's "active" cut-off: passwordExpiryMonths (default 15) before now, split at the day boundary.
  const settings = await caller.settings.get().catch(() => null);
  const months = (settings as { passwordExpiryMonths?: number } | null)?.passwordExpiryMonths ?? 15;
  const cutoff = new Date();
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const cutoffDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth(), cutoff.getUTCDate()));
  const nextDay = new Date(cutoffDay.getTime() + 86_400_000);

  const rareFragment = picks.rareFragment;
  const commonPrefix = "smi";

  async function searchBare(q: string) {
    const prefix = `${q.toLowerCase()}%`;
    const tier0 = await bare.unsafe(
      `SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE lower(u.last_name) COLLATE "C" LIKE $1 ORDER BY ${NAME_ORDER} LIMIT 51`,
      [prefix],
      { prepare: true },
    );
    if (tier0.length >= 51) return tier0;
    return bare.unsafe(
      `SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${SEARCH_DOC} LIKE $1 AND NOT (lower(u.last_name) COLLATE "C" LIKE $2)
       ORDER BY ${NAME_ORDER} LIMIT $3`,
      [`%${q.toLowerCase()}%`, prefix, 51 - tier0.length],
      { prepare: true },
    );
  }

  const cases: Case[] = [
    {
      // Not a question: how long one round trip takes on this machine right now (load shows here first).
      id: "calibration.roundtrip",
      label: "calibration: SELECT 1 (app pool via drizzle / bare)",
      proc: () => b.db.execute(dsql`SELECT 1`),
      sql: () => bare`SELECT 1`,
    },
    {
      id: "users.summary",
      label: "users.summary (all / active / subscribed)",
      target: { ms: 5, stat: "p50", label: "counts p50 < 5 ms" },
      proc: () => caller.users.summary(),
      sql: () =>
        bare.unsafe(
          `SELECT (SELECT coalesce(sum(n), 0) FROM user_counters WHERE key = 'all')::bigint AS all,
                  (SELECT coalesce(sum(n), 0) FROM user_counters WHERE key IN ('sub_confirmed', 'sub_unconfirmed'))::bigint AS subscribed,
                  (SELECT coalesce(sum(n), 0) FROM user_counters WHERE key IN ('login_confirmed', 'login_unconfirmed') AND day >= $1::timestamptz AT TIME ZONE 'UTC')::bigint AS active_days,
                  (SELECT count(*) FROM users WHERE loginable AND coalesce(last_active_at, created_at) >= $2::timestamptz
                     AND coalesce(last_active_at, created_at) < $1::timestamptz)::bigint AS active_edge`,
          [nextDay.toISOString(), cutoff.toISOString()],
          { prepare: true },
        ),
      http: http ? () => http.trpc("users.summary") : undefined,
    },
    {
      id: "users.list.first",
      label: "users.list, no filter, first page",
      proc: () => caller.users.list({ limit: 50 }),
      sql: () => bare.unsafe(`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} ORDER BY u.created_at DESC, u.id DESC LIMIT 51`, [], { prepare: true }),
      http: http ? () => http.trpc("users.list", { limit: 50 }) : undefined,
    },
    {
      id: "users.list.deep",
      label: `users.list, no filter, ${(deepAll.pages * 50).toLocaleString("en")} deep`,
      proc: () => caller.users.list({ limit: 50, cursor: deepAll.cursor }),
      sql: () =>
        bare.unsafe(
          `SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE (u.created_at, u.id) < ($1::timestamptz, $2::bigint)
           ORDER BY u.created_at DESC, u.id DESC LIMIT 51`,
          [cutoffAll ?? "infinity", cutoffAllId ?? "9223372036854775807"],
          { prepare: true },
        ),
      http: http ? () => http.trpc("users.list", { limit: 50, cursor: deepAll.cursor }) : undefined,
    },
    {
      id: "users.list.filtered.first",
      label: `users.list, approved + group ${picks.groupId} + tag ${picks.tagId}, first page`,
      target: { ms: 25, stat: "p50", label: "filtered list < 25 ms" },
      proc: () => caller.users.list({ filter: filtered, limit: 50 }),
      sql: () =>
        bare.unsafe(`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${filterSql} ORDER BY u.created_at DESC, u.id DESC LIMIT 51`, [picks.groupId, picks.tagId], {
          prepare: true,
        }),
      http: http ? () => http.trpc("users.list", { filter: filtered, limit: 50 }) : undefined,
    },
    {
      id: "users.list.filtered.deep",
      label: `users.list, same filter, ${(deepFiltered.pages * 50).toLocaleString("en")} deep`,
      target: { ms: 25, stat: "p50", label: "filtered list 10,000 deep < 25 ms" },
      proc: () => caller.users.list({ filter: filtered, limit: 50, cursor: deepFiltered.cursor }),
      sql: () =>
        bare.unsafe(
          `SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${filterSql} AND (u.created_at, u.id) < ($3::timestamptz, $4::bigint)
           ORDER BY u.created_at DESC, u.id DESC LIMIT 51`,
          [picks.groupId, picks.tagId, cutoffF ?? "infinity", cutoffFId ?? "9223372036854775807"],
          { prepare: true },
        ),
      http: http ? () => http.trpc("users.list", { filter: filtered, limit: 50, cursor: deepFiltered.cursor }) : undefined,
    },
    {
      id: "users.search.common",
      label: `users.list search "${commonPrefix}" (common)`,
      target: { ms: 30, stat: "p50", label: "search < 30 ms" },
      proc: () => caller.users.list({ filter: { q: commonPrefix }, limit: 50 }),
      sql: () => searchBare(commonPrefix),
      http: http ? () => http.trpc("users.list", { filter: { q: commonPrefix }, limit: 50 }) : undefined,
    },
    {
      id: "users.search.rare",
      label: `users.list search "${rareFragment}" (rare)`,
      target: { ms: 30, stat: "p50", label: "search < 30 ms" },
      proc: () => caller.users.list({ filter: { q: rareFragment }, limit: 50 }),
      sql: () => searchBare(rareFragment),
      http: http ? () => http.trpc("users.list", { filter: { q: rareFragment }, limit: 50 }) : undefined,
    },
    {
      id: "users.record",
      label: `users.get + timeline.list (user ${picks.heavyUserId})`,
      proc: async () => {
        await caller.users.get({ id: picks.heavyUserId });
        await caller.timeline.list({ userId: picks.heavyUserId });
      },
      sql: async () => {
        await bare.unsafe(
          `SELECT u.*, l.name AS level_name, st.name AS smart_type_name FROM users u LEFT JOIN customer_levels l ON l.id = u.level_id
           LEFT JOIN smart_types st ON st.id = u.smart_type_id WHERE u.id = $1`,
          [picks.heavyUserId],
          { prepare: true },
        );
        await bare.unsafe(
          `SELECT te.id, te.user_id, te.kind, te.summary, te.data, te.actor_id,
                  coalesce(nullif(trim(a.first_name || ' ' || a.last_name), ''), a.email) AS actor_name, te.created_at, te.edited_at
           FROM timeline_events te LEFT JOIN users a ON a.id = te.actor_id
           WHERE te.user_id = $1 ORDER BY te.created_at DESC, te.id DESC LIMIT 31`,
          [picks.heavyUserId],
          { prepare: true },
        );
      },
      http: http
        ? async () => {
            await http.trpc("users.get", { id: picks.heavyUserId });
            await http.trpc("timeline.list", { userId: picks.heavyUserId });
          }
        : undefined,
    },
    {
      id: "groups.smartTypes.report",
      label: "groups.smartTypes.report (users per smart type)",
      runs: 10,
      proc: () => caller.groups.smartTypes.report(),
      // Smart-type membership is kept in smart_types.user_count; counting by scanning users takes ~300 ms at 1M.
      sql: () =>
        bare.unsafe(
          `SELECT st.id, st.name, st.user_count, (SELECT coalesce(sum(n), 0) FROM user_counters WHERE key = 'all')::bigint AS all_users
           FROM smart_types st ORDER BY st.position, st.id`,
          [],
          { prepare: true },
        ),
      http: http ? () => http.trpc("groups.smartTypes.report") : undefined,
    },
  ];
  return cases;
}
