import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FullConfig } from "@playwright/test";
import { DEDICATED, DEMO_PASSWORD } from "./helpers";
import webpush from "web-push";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCES = ["app", "server", "components", "db", "public", "proxy.ts", "next.config.mjs", "package.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let latest = st.mtimeMs;
  for (const entry of readdirSync(p)) latest = Math.max(latest, newestMtime(path.join(p, entry)));
  return latest;
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => existsSync(path.join(root, s)) && newestMtime(path.join(root, s)) > built);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${result.status}`);
}

/** Folders of earlier runs that crashed before their teardown. */
function removeStaleRunFolders(keep: string): void {
  const dataDir = path.join(root, ".data");
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    const full = path.join(dataDir, name);
    if (name.startsWith("e2e-") && full !== keep && Date.now() - statSync(full).mtimeMs > 6 * 3_600_000) {
      rmSync(full, { recursive: true, force: true });
    }
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

async function waitForServer(url: string, server: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n") : "(no log)";
  throw new Error(`The e2e server did not become ready at ${url}. Last lines of ${logFile}:\n${log}`);
}

/**
 * A fresh embedded database, seeded, then `next start` on it. PGlite admits one process at a
 * time, so the seed has finished and closed the database before the server opens it, and the
 * tests themselves only ever talk HTTP.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
  const port = new URL(baseURL).port;
  if (await answers(baseURL)) {
    throw new Error(`Something already answers on ${baseURL}; stop it (the e2e run starts its own server there).`);
  }

  const runDir = path.join(root, ".data", `e2e-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const pgliteDir = path.join(runDir, "pglite");
  const logFile = path.join(runDir, "server.log");
  mkdirSync(runDir, { recursive: true });
  removeStaleRunFolders(runDir);

  const vars: Record<string, string | undefined> = {
    ...process.env,
    PGLITE_DIR: pgliteDir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  // Web notifications are configured as in production, so the profile page offers them (devices.spec.ts).
  if (!vars.VAPID_PUBLIC_KEY || !vars.VAPID_PRIVATE_KEY) {
    const keys = webpush.generateVAPIDKeys();
    vars.VAPID_PUBLIC_KEY = keys.publicKey;
    vars.VAPID_PRIVATE_KEY = keys.privateKey;
  }
  // Sign-up, reset and invite emails land in the development mailbox, where specs read them.
  vars.DEV_MAILBOX = "1";
  // The e2e run always uses its own embedded database, never a configured server; `next` sets NODE_ENV itself.
  delete vars.DATABASE_URL;
  delete vars.NODE_ENV;
  const env = vars as NodeJS.ProcessEnv;

  const started = Date.now();
  console.log(`[e2e] seeding ${pgliteDir}`);
  run("npx", ["tsx", "scripts/seed.ts", "--users", "300"], { ...env, SEED_E2E_ACCOUNTS: "1" });
  for (const account of Object.values(DEDICATED)) {
    const args = ["--email", account.email, "--role", account.role, "--first-name", account.firstName, "--last-name", account.lastName];
    run("npx", ["tsx", "scripts/user-create.ts", ...args], { ...env, USER_PASSWORD: DEMO_PASSWORD });
  }

  if (process.env.E2E_SKIP_BUILD === "1") {
    if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("E2E_SKIP_BUILD=1 but there is no build in .next/");
  } else if (buildIsStale()) {
    console.log("[e2e] sources changed since the last build: next build");
    run("npx", ["next", "build"], env);
  }

  console.log(`[e2e] next start on port ${port}`);
  const log = createWriteStream(logFile);
  const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
    cwd: root,
    env,
    detached: true, // its own process group, so teardown ends it and anything it spawned
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);

  const stop = async () => {
    if (server.exitCode === null && server.pid) {
      const exited = new Promise((r) => server.once("exit", r));
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) {
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    log.end();
  };

  try {
    await waitForServer(`${baseURL}/login`, server, logFile, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  console.log(`[e2e] ready in ${((Date.now() - started) / 1000).toFixed(1)} s (server log: ${path.relative(root, logFile)})`);

  return async () => {
    await stop();
    if (process.env.E2E_KEEP_DATA === "1") {
      console.log(`[e2e] kept ${path.relative(root, runDir)}`);
    } else {
      rmSync(runDir, { recursive: true, force: true });
    }
  };
}
