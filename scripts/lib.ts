import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync } from "node:fs";
import nextEnv from "@next/env";
import webpush from "web-push";
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

/**
 * Writes a VAPID key pair for web notifications (D3) into .env.local when none is configured.
 * A key pair must stay the same for the life of the subscriptions made with it, so it is kept.
 */
export function ensureVapidKeys(): void {
  loadEnv();
  if (process.env.VAPID_PUBLIC_KEY && process.env.VAPID_PRIVATE_KEY) return;
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  const existing = existsSync(".env.local") ? readFileSync(".env.local", "utf8") : "";
  appendFileSync(
    ".env.local",
    `${existing && !existing.endsWith("\n") ? "\n" : ""}VAPID_PUBLIC_KEY=${publicKey}\nVAPID_PRIVATE_KEY=${privateKey}\n`,
  );
  process.env.VAPID_PUBLIC_KEY = publicKey;
  process.env.VAPID_PRIVATE_KEY = privateKey;
  console.log("Generated VAPID keys for web notifications into .env.local");
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
