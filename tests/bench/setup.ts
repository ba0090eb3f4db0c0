// The database a benchmark runs against, the owner session it runs as, and the bare driver.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { sql as dsql } from "drizzle-orm";
import { migrateDatabase, openDatabase, queryRows, type Database, type DatabaseHandle } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { sessions } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { hashPassword } from "../../server/auth/password";
import { newSessionId } from "../../server/services/auth/sessions";
import { ensureDemoAccounts } from "../../scripts/demo-accounts";

export const DEFAULT_BENCH_URL = "postgres://postgres@127.0.0.1:5432/um_bench";

export type Bare = postgres.Sql<{ bigint: number }>;

/** postgres.js with the app's own settings (prepared statements on, int8 as numbers). */
export function bareClient(url: string, max = 2): Bare {
  return postgres(url, {
    max,
    onnotice: () => {},
    types: { bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) } },
  }) as unknown as Bare;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface BenchDatabase {
  url: string;
  handle: DatabaseHandle;
  db: Database;
  bare: Bare;
  /** Drops the scratch database (quick mode) and the bench session. */
  close(): Promise<void>;
}

/**
 * Full run: the team's big database (migrated, never reseeded). Quick run: a fresh small
 * database seeded with seedDemo, dropped afterwards.
 */
export async function openBenchDatabase(opts: { quick: boolean; url?: string; quickUsers: number; log: (s: string) => void }): Promise<BenchDatabase> {
  const base = opts.url ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
  let url = base;
  let scratch: string | null = null;
  if (opts.quick) {
    scratch = `um_bench_quick_${process.pid}`;
    const admin = bareClient(withDatabase(base, "postgres"), 1);
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE "${scratch}"`);
    } finally {
      await admin.end();
    }
    url = withDatabase(base, scratch);
  }
  const dropScratch = async () => {
    if (!scratch) return;
    const admin = bareClient(withDatabase(base, "postgres"), 1);
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ url, maxConnections: 10 });
    await migrateDatabase(handle);
    if (opts.quick) {
      const started = Date.now();
      await ensureDemoAccounts(handle.db);
      await seedDemo(handle.db, { users: opts.quickUsers, passwordHash: await hashPassword(randomBytes(16).toString("hex")) });
      opts.log(`seeded ${scratch} with ${opts.quickUsers} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } catch (err) {
    await dropScratch();
    throw err;
  }
  const bare = bareClient(url, 2);
  return {
    url,
    handle,
    db: handle.db,
    bare,
    async close() {
      await bare.end({ timeout: 5 });
      await handle.close();
      await dropScratch();
    },
  };
}

export interface Owner {
  id: number;
  email: string;
  name: string;
  sessionId: string;
  caller: ReturnType<typeof createCaller>;
  /** Caller bound to another handle (a transaction), same session. */
  callerOn(db: Database): ReturnType<typeof createCaller>;
  endSession(): Promise<void>;
}

/** A real session row for the first owner, so HTTP requests validate exactly as a browser's do. */
export async function ownerSession(db: Database): Promise<Owner> {
  const [owner] = await queryRows<{ id: number; email: string; name: string }>(
    db,
    dsql`SELECT id, email, trim(first_name || ' ' || last_name) AS name FROM users
         WHERE role = 'owner' AND status = 'approved' AND anonymised_at IS NULL AND NOT must_change_password ORDER BY id LIMIT 1`,
  );
  if (!owner) throw new Error("no approved owner in this database (run `npm run demo` or scripts/demo-accounts)");
  const sessionId = newSessionId();
  await db.insert(sessions).values({
    id: sessionId,
    userId: Number(owner.id),
    ip: "127.0.0.1",
    userAgent: "bench",
    browser: "bench",
    os: "bench",
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const callerOn = (on: Database) =>
    createCaller({
      db: on,
      session: {
        sessionId,
        user: { id: Number(owner.id), email: owner.email, name: owner.name || owner.email, role: "owner", sessionId, mustChangePassword: false },
      },
      ip: "127.0.0.1",
      userAgent: "bench",
    });
  return {
    id: Number(owner.id),
    email: owner.email,
    name: owner.name,
    sessionId,
    caller: callerOn(db),
    callerOn,
    endSession: async () => {
      await db.execute(dsql`DELETE FROM sessions WHERE id = ${sessionId}`);
    },
  };
}
