import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { groupMembers, groups, smartTypeGroups, smartTypes, userTags, tags } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";

let seq = 0;

export async function createGroup(db: Database, overrides: Partial<typeof groups.$inferInsert> = {}) {
  seq += 1;
  const [row] = await db.insert(groups).values({ name: `Group ${seq}-${Math.random().toString(36).slice(2, 6)}`, ...overrides }).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function addToGroup(db: Database, groupId: number, userIds: number[]) {
  await db.insert(groupMembers).values(userIds.map((userId) => ({ groupId, userId })));
}

export async function createTag(db: Database, overrides: Partial<typeof tags.$inferInsert> = {}) {
  seq += 1;
  const [row] = await db.insert(tags).values({ name: `Tag ${seq}-${Math.random().toString(36).slice(2, 6)}`, ...overrides }).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function tagUsers(db: Database, tagId: number, userIds: number[]) {
  await db.insert(userTags).values(userIds.map((userId) => ({ tagId, userId })));
}

/** A smart type at the end of the priority list, tied to `groupIds`. */
export async function createSmartType(db: Database, name: string, groupIds: number[]) {
  const [{ next } = { next: 1 }] = await queryRows<{ next: number }>(db, sql`SELECT coalesce(max(position), 0) + 1 AS next FROM smart_types`);
  const [row] = await db.insert(smartTypes).values({ name, position: Number(next) }).returning();
  if (!row) throw new Error("insert returned nothing");
  if (groupIds.length) await db.insert(smartTypeGroups).values(groupIds.map((groupId) => ({ smartTypeId: row.id, groupId })));
  await db.execute(sql`SELECT refresh_user_smart_types(ARRAY(SELECT user_id FROM group_members)::bigint[])`);
  return row;
}

export async function smartTypeOf(db: Database, userId: number): Promise<number | null> {
  const [row] = await queryRows<{ t: number | null }>(db, sql`SELECT smart_type_id AS t FROM users WHERE id = ${userId}`);
  return row?.t ?? null;
}

/** The stored smart type of every user equals a from-scratch recomputation (the G6 invariant). */
export async function expectSmartTypesConsistent(db: Database) {
  const wrong = await queryRows<{ id: number }>(
    db,
    sql`SELECT u.id FROM users u
      WHERE u.smart_type_id IS DISTINCT FROM (
        SELECT st.id FROM group_members gm JOIN smart_type_groups sg ON sg.group_id = gm.group_id
        JOIN smart_types st ON st.id = sg.smart_type_id WHERE gm.user_id = u.id ORDER BY st.position, st.id LIMIT 1)`,
  );
  expect(wrong).toEqual([]);
  const drift = await queryRows<{ id: number }>(
    db,
    sql`SELECT st.id FROM smart_types st WHERE st.user_count <> (SELECT count(*) FROM users u WHERE u.smart_type_id = st.id)`,
  );
  expect(drift).toEqual([]);
}

/** Maintained member and tag counts equal a recount. */
export async function expectCountsConsistent(db: Database) {
  const groupDrift = await queryRows<{ id: number }>(
    db,
    sql`SELECT g.id FROM groups g WHERE g.member_count <> (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id)`,
  );
  const tagDrift = await queryRows<{ id: number }>(
    db,
    sql`SELECT t.id FROM tags t WHERE t.user_count <> (SELECT count(*) FROM user_tags ut WHERE ut.tag_id = t.id)`,
  );
  expect({ groupDrift, tagDrift }).toEqual({ groupDrift: [], tagDrift: [] });
}
