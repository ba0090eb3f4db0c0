import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync } from "node:fs";
import nextEnv from "@next/env";
import { openDatabase, migrateDatabase, type DatabaseHandle } from "../db/client";

/** Loads .env / .env.local the way Next does, so scripts and the app see one configuration. */
export function loadEnv(): void {
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
}

/** Writes a random AUTH_SECRET into .env.local when none is configured. */
export function ensureAuthSecret(): void {
  loadEnv();
  if (process.env.AUTH_SECRET) return;
  const secret = randomBytes(32).toString("base64url");
  const existing = existsSync(".env.local") ? readFileSync(".env.local", "utf8") : "";
  appendFileSync(".env.local", `${existing && !existing.endsWith("\n") ? "\n" : ""}AUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
  console.log("Generated AUTH_SECRET into .env.local");
}

export async function openFromEnv(): Promise<DatabaseHandle> {
  loadEnv();
  const handle = await openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: process.env.PGLITE_DIR || ".data/pglite",
  });
  await migrateDatabase(handle);
  return handle;
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
