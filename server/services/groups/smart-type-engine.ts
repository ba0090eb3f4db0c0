import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

/**
 * One place that says how a user's smart type is decided (G6): the first type in priority order whose
 * groups contain the user. `config` yields rows (key, pos, group_id); keys are smart type ids (negative
 * for types not created yet). The database function refresh_user_smart_types applies the same rule
 * incrementally when memberships change.
 */
export interface LayoutRow {
  key: number;
  pos: number;
  groupIds: number[];
}

export function layoutValues(rows: LayoutRow[]): SQL {
  const tuples = rows.flatMap((r) => r.groupIds.map((g) => sql`(${r.key}::int, ${r.pos}::int, ${g}::int)`));
  if (tuples.length === 0) return sql`(SELECT NULL::int AS key, NULL::int AS pos, NULL::int AS group_id WHERE false)`;
  return sql`(VALUES ${sql.join(tuples, sql`, `)})`;
}

export const LIVE_LAYOUT = sql`(SELECT sg.smart_type_id AS key, st.position AS pos, sg.group_id
  FROM smart_type_groups sg JOIN smart_types st ON st.id = sg.smart_type_id)`;

/** (id, st) for every user with a type under `config`, optionally pretending one group is gone. */
function computed(config: SQL, withoutGroup?: number): SQL {
  const skip = withoutGroup ? sql`WHERE gm.group_id <> ${withoutGroup}` : sql``;
  return sql`SELECT DISTINCT ON (gm.user_id) gm.user_id AS id, c.key AS st
    FROM group_members gm JOIN ${config} AS c(key, pos, group_id) ON c.group_id = gm.group_id
    ${skip}
    ORDER BY gm.user_id, c.pos, c.key`;
}

/** Users whose type would differ from the stored one under `config`, and users per key. */
export async function previewLayout(db: Database, config: SQL, withoutGroup?: number) {
  const [row] = await queryRows<{ changes: number; counts: Record<string, number> | null }>(
    db,
    sql`WITH c AS (${computed(config, withoutGroup)}),
      diff AS (
        SELECT 1 FROM c FULL JOIN (SELECT id, smart_type_id FROM users WHERE smart_type_id IS NOT NULL) u ON u.id = c.id
        WHERE c.st IS DISTINCT FROM u.smart_type_id
      )
      SELECT (SELECT count(*) FROM diff)::bigint AS changes,
        (SELECT jsonb_object_agg(st, n) FROM (SELECT st, count(*) AS n FROM c GROUP BY st) g) AS counts`,
  );
  const counts = new Map<number, number>(Object.entries(row?.counts ?? {}).map(([k, v]) => [Number(k), Number(v)]));
  return { changes: Number(row?.changes ?? 0), counts };
}

/** Rewrites users.smart_type_id for everyone whose type differs from the live configuration. */
export async function refreshAllSmartTypes(db: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`WITH c AS (${computed(LIVE_LAYOUT)}),
      diff AS (
        SELECT coalesce(c.id, u.id) AS id, u.smart_type_id AS old, c.st
        FROM c FULL JOIN (SELECT id, smart_type_id FROM users WHERE smart_type_id IS NOT NULL) u ON u.id = c.id
        WHERE c.st IS DISTINCT FROM u.smart_type_id
      ),
      upd AS (UPDATE users SET smart_type_id = diff.st FROM diff WHERE users.id = diff.id RETURNING diff.old, diff.st),
      deltas AS (
        SELECT id, sum(d) AS d FROM (
          SELECT st AS id, 1 AS d FROM upd WHERE st IS NOT NULL
          UNION ALL SELECT old, -1 FROM upd WHERE old IS NOT NULL
        ) x GROUP BY id
      ),
      counted AS (
        UPDATE smart_types SET user_count = smart_types.user_count + deltas.d
        FROM deltas WHERE smart_types.id = deltas.id AND deltas.d <> 0 RETURNING 1
      )
      SELECT count(*)::bigint AS n FROM upd`,
  );
  return Number(row?.n ?? 0);
}
