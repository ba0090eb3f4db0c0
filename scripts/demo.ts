import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/client";
import { seedDemo } from "../db/seed";
import { hashPassword } from "../server/auth/password";
import { DEMO_PASSWORD, ensureDemoAccounts } from "./demo-accounts";
import { argValue, ensureAuthSecret, ensureVapidKeys, openFromEnv } from "./lib";

const port = argValue("port") ?? process.env.PORT ?? "3000";
const demoUsers = Number(argValue("users") ?? 2000);

ensureAuthSecret();
ensureVapidKeys();
delete process.env.DATABASE_URL; // the demo always runs on the embedded database

// 1. Migrate and, on first run, seed — then close, because only one process may open PGlite.
const handle = await openFromEnv();
const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM users`);
if (Number(n) === 0) {
  console.log(`First run: creating ${demoUsers.toLocaleString()} demo users…`);
  await ensureDemoAccounts(handle.db);
  await seedDemo(handle.db, { users: demoUsers, passwordHash: await hashPassword(randomBytes(24).toString("base64")) });
} else {
  await ensureDemoAccounts(handle.db);
}
await handle.close();

// 2. Build once (again only when sources changed since the last build).
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}
const buildId = ".next/BUILD_ID";
const sourcesChanged =
  !existsSync(buildId) ||
  Math.max(...["app", "server", "components", "db"].map((d) => (existsSync(d) ? newest(d) : 0))) > statSync(buildId).mtimeMs;
if (sourcesChanged) {
  console.log("Building the app (first run only)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// 3. Serve.
// Without SMTP the demo keeps every email in the owner's mailbox page, so invite and reset links work.
const mailbox = !process.env.SMTP_URL;
const server = spawn("npx", ["next", "start", "-p", port], {
  stdio: ["inherit", "pipe", "inherit"],
  env: mailbox ? { ...process.env, DEV_MAILBOX: process.env.DEV_MAILBOX ?? "1" } : process.env,
});
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (chunk.toString().includes("Ready")) {
    console.log(`
  User Manager is running at http://localhost:${port}
  Sign in as owner@demo.test with password ${DEMO_PASSWORD}
  (also admin@demo.test, manager@demo.test and customer@demo.test, same password)${
    mailbox ? `\n  Emails (invites, password resets) arrive at http://localhost:${port}/dev/mailbox — sign in as the owner` : ""
  }
`);
  }
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
