import "server-only";
import { openDatabase, migrateDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { getEnv } from "./env";

// One database per process (PGlite must never be opened twice), kept across dev hot reloads.
const globalForDb = globalThis as unknown as { __umDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.__umDb) {
    const env = getEnv();
    globalForDb.__umDb = (async () => {
      const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
      await migrateDatabase(handle);
      return handle;
    })();
    globalForDb.__umDb.catch(() => {
      globalForDb.__umDb = undefined;
    });
  }
  return globalForDb.__umDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
