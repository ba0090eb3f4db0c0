import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject, test as base } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";

let handle: DatabaseHandle | undefined;
let opening: Promise<DatabaseHandle> | undefined;

/** One database per test file, created from the run's migrated template. */
async function fileDatabase(): Promise<DatabaseHandle> {
  if (handle) return handle;
  opening ??= (async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      const { default: postgres } = await import("postgres");
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      const name = `um_t_${process.ppid}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplateDb")}`);
      await admin.end();
      const target = new URL(url);
      target.pathname = `/${name}`;
      const h = await openDatabase({ url: target.toString(), maxConnections: 4 });
      const close = h.close;
      h.close = async () => {
        await close();
        const again = postgres(url, { max: 1, onnotice: () => {} });
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.end();
      };
      return h;
    }
    const tar = readFileSync(inject("pgliteTemplate"));
    return openDatabase({ loadDataDir: new Blob([tar]) });
  })();
  handle = await opening;
  return handle;
}

beforeAll(async () => {
  await fileDatabase();
});

afterAll(async () => {
  await handle?.close();
  handle = undefined;
  opening = undefined;
});

export async function rootDatabase(): Promise<Database> {
  return (await fileDatabase()).db;
}

class Rollback extends Error {}

/** Runs `fn` inside a transaction that is always rolled back, so tests never see each other's rows. */
export async function inRollback<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const root = await rootDatabase();
  let result: T | undefined;
  try {
    await root.transaction(async (tx) => {
      result = await fn(tx as unknown as Database);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result as T;
}

/** `test` with a `db` fixture: a transaction rolled back after the test. */
export const test = base.extend<{ db: Database }>({
  db: async ({}, use) => {
    await inRollback(async (db) => {
      await use(db);
    });
  },
});
