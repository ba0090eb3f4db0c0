import { sql, type SQL } from "drizzle-orm";
import type { UserListFilter } from "@/server/schemas/users";

const ids = (values: readonly number[]) => sql.join(values.map((v) => sql`${v}::int`), sql`, `);

/**
 * Group, tag and smart type filters over `users` (unqualified: the inner tables have no `id` column, so `id`
 * is the outer user even when the caller aliases users). EXISTS probes the (group_id, user_id)
 * and (tag_id, user_id) primary keys per candidate row, so a keyset page stays an index walk.
 */
export function membershipConditions(filter: Pick<UserListFilter, "groupIds" | "tagIds" | "tagMode" | "smartTypeId">): SQL[] {
  const c: SQL[] = [];
  if (filter.groupIds?.length) {
    c.push(sql`EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id IN (${ids(filter.groupIds)}) AND gm.user_id = id)`);
  }
  if (filter.tagIds?.length) {
    const unique = [...new Set(filter.tagIds)];
    if (filter.tagMode === "all") {
      for (const id of unique) c.push(sql`EXISTS (SELECT 1 FROM user_tags ut WHERE ut.tag_id = ${id}::int AND ut.user_id = id)`);
    } else {
      c.push(sql`EXISTS (SELECT 1 FROM user_tags ut WHERE ut.tag_id IN (${ids(unique)}) AND ut.user_id = id)`);
    }
  }
  if (filter.smartTypeId?.length) c.push(sql`smart_type_id IN (${ids(filter.smartTypeId)})`);
  return c;
}
