import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { seedActivity } from "./activity";
import { seedCommerce } from "./commerce";
import { seedGroups } from "./groups";
import { seedCreatedEvents, seedLevels, seedUsers } from "./users";

export interface SeedOptions {
  users: number;
  passwordHash: string;
  onProgress?: (step: string, done: number, total: number) => void;
}

/** Fills a demo store. Safe to run on a database that already has users: it adds more. */
export async function seedDemo(db: Database, opts: SeedOptions): Promise<void> {
  await seedLevels(db);
  const [{ maxId } = { maxId: 0 }] = await queryRows<{ maxId: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS "maxId" FROM users`);
  await seedUsers(db, {
    count: opts.users,
    passwordHash: opts.passwordHash,
    onProgress: (done, total) => opts.onProgress?.("users", done, total),
  });
  await seedCreatedEvents(db, Number(maxId));
  opts.onProgress?.("timelines", 1, 1);
  const staff = await queryRows<{ id: number }>(db, sql`SELECT id FROM users WHERE role <> 'customer' ORDER BY id`);
  await seedActivity(db, { staffIds: staff.map((s) => Number(s.id)), sinceUserId: Number(maxId) });
  opts.onProgress?.("activity", 1, 1);
  await seedCommerce(db, {
    sinceUserId: Number(maxId),
    onProgress: (done, total) => opts.onProgress?.("orders", done, total),
  });
  await seedGroups(db, {
    sinceUserId: Number(maxId),
    onProgress: (done, total) => opts.onProgress?.("groups and tags", done, total),
  });
  await db.execute(sql`ANALYZE`);
}
