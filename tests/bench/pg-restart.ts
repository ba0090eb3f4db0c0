// Fault check: the app's database pool (the same openDatabase() the server uses) keeps serving while
// the PostgreSQL server restarts under traffic. Requests in flight during the restart must fail
// cleanly (an error within a bounded time, never a hang), later ones must succeed, and every write
// that reported success before, during or after the restart must still be there afterwards.
//
//   npx tsx tests/bench/pg-restart.ts                 restarts the local cluster (needs root)
//   npx tsx tests/bench/pg-restart.ts --no-restart    dry run: the same traffic without a restart
//
// WARNING: restarting PostgreSQL drops every connection on the machine, other people's tests included.
// It works in a scratch database (um_pgrestart_<pid>) that it creates, migrates and drops.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, queryRows } from "../../db/client";
import { ensureDemoAccounts } from "../../scripts/demo-accounts";
import { argValue, hasFlag } from "./lib";
import { bareClient, DEFAULT_BENCH_URL, ownerSession } from "./setup";

const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
const restart = !hasFlag("no-restart");
const seconds = Number(argValue("seconds") ?? 20);
const REQUEST_TIMEOUT_MS = 15_000;

function urlFor(name: string) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

function clusterVersion(): string {
  const versions = readdirSync("/etc/postgresql").sort((a, b) => Number(a) - Number(b));
  const v = versions[versions.length - 1];
  if (!v) throw new Error("no cluster under /etc/postgresql");
  return v;
}

async function waitForServer(deadlineMs: number) {
  const started = Date.now();
  for (;;) {
    const probe = bareClient(urlFor("postgres"), 1);
    try {
      await probe`SELECT 1`;
      return Date.now() - started;
    } catch {
      if (Date.now() - started > deadlineMs) throw new Error("PostgreSQL did not come back");
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await probe.end({ timeout: 1 }).catch(() => undefined);
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`HUNG: no answer in ${ms} ms`)), ms))]);
}

interface Outcome {
  at: number;
  kind: "read" | "write";
  ok: boolean;
  ms: number;
  error?: string;
  email?: string;
}

// postgres.js 3.4.9 can throw from a setImmediate after a connection dies (`socket.write` on a null
// socket in nextWrite; porsager/postgres#1066, #1154, #1208). Nothing can catch that: it would take
// the server process down. Counted here as a failure, then the check goes on to see the rest.
const uncaught: string[] = [];
process.on("uncaughtException", (err) => {
  uncaught.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
});

const name = `um_pgrestart_${process.pid}`;
const admin = bareClient(urlFor("postgres"), 1);
await admin.unsafe(`CREATE DATABASE "${name}"`);
await admin.end();

let exitCode = 0;
const handle = await openDatabase({ url: urlFor(name), maxConnections: 10 });
try {
  await migrateDatabase(handle);
  await ensureDemoAccounts(handle.db);
  const owner = await ownerSession(handle.db);
  const outcomes: Outcome[] = [];
  const t0 = Date.now();
  let stop = false;
  let restartWindow: { from: number; to: number } | null = null;

  // Four clients: two writing (users.create commits one row each), two reading (list + summary).
  const worker = async (kind: "read" | "write", n: number) => {
    let i = 0;
    while (!stop) {
      const email = `restart-${n}-${i++}-${randomUUID().slice(0, 6)}@example.test`;
      const started = Date.now();
      try {
        await withTimeout<unknown>(
          kind === "write"
            ? owner.caller.users.create({ email, firstName: "Restart", lastName: `W${n}` })
            : owner.caller.users.list({ limit: 20 }).then(() => owner.caller.users.summary()),
          REQUEST_TIMEOUT_MS,
        );
        outcomes.push({ at: started - t0, kind, ok: true, ms: Date.now() - started, email: kind === "write" ? email : undefined });
      } catch (err) {
        const message = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}` : String(err);
        outcomes.push({ at: started - t0, kind, ok: false, ms: Date.now() - started, error: message, email: kind === "write" ? email : undefined });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const workers = [worker("write", 1), worker("write", 2), worker("read", 3), worker("read", 4)];

  await new Promise((r) => setTimeout(r, 3_000));
  if (restart) {
    const version = clusterVersion();
    const from = Date.now() - t0;
    console.log(`[pg-restart] restarting cluster ${version}/main at +${from} ms`);
    execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"], { stdio: "inherit" });
    const back = await waitForServer(60_000);
    restartWindow = { from, to: Date.now() - t0 };
    console.log(`[pg-restart] server answering again after ${restartWindow.to - from} ms (probe ${back} ms)`);
  }
  await new Promise((r) => setTimeout(r, Math.max(3_000, seconds * 1000 - (Date.now() - t0))));
  stop = true;
  await Promise.all(workers);

  const failures = outcomes.filter((o) => !o.ok);
  const hung = failures.filter((o) => o.error?.startsWith("HUNG"));
  const lastFailure = Math.max(-1, ...failures.map((o) => o.at + o.ms));
  const afterRecovery = outcomes.filter((o) => o.at > lastFailure);
  const tail = outcomes.filter((o) => restartWindow && o.at > restartWindow.to + 2_000);
  const tailFailures = tail.filter((o) => !o.ok);
  const committed = outcomes.filter((o) => o.kind === "write" && o.ok).map((o) => o.email!);
  const present = await queryRows<{ email: string }>(handle.db, sql`SELECT email FROM users WHERE email LIKE 'restart-%'`);
  const presentSet = new Set(present.map((r) => r.email));
  const lost = committed.filter((e) => !presentSet.has(e));
  // A write that reported an error may or may not have committed (the reply can be lost after COMMIT);
  // either is acceptable, but it must not show up twice.
  const ambiguous = outcomes.filter((o) => o.kind === "write" && !o.ok && o.email && presentSet.has(o.email)).length;

  const errorKinds = new Map<string, number>();
  for (const f of failures) {
    const key = (f.error ?? "").replace(/\d+/g, "#").slice(0, 120);
    errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
  }
  console.log(`[pg-restart] ${outcomes.length} requests: ${outcomes.length - failures.length} ok, ${failures.length} failed (${hung.length} hung)`);
  for (const [k, n] of errorKinds) console.log(`[pg-restart]   ${n} × ${k}`);
  console.log(`[pg-restart] slowest failure ${Math.max(0, ...failures.map((f) => f.ms))} ms; ${afterRecovery.length} requests after the last failure all succeeded`);
  console.log(`[pg-restart] from 2 s after the server was back: ${tail.length} requests, ${tailFailures.length} failed`);
  console.log(`[pg-restart] writes reported committed: ${committed.length}; missing afterwards: ${lost.length}; failed-but-committed: ${ambiguous}`);

  if (uncaught.length) {
    console.log(`[pg-restart] ${uncaught.length} uncaught exception(s) from the driver — a server process would have died:`);
    for (const u of new Set(uncaught)) console.log(`[pg-restart]   ${u}`);
  }
  const ok = uncaught.length === 0 && hung.length === 0 && lost.length === 0 && tailFailures.length === 0 && afterRecovery.length > 0 && (!restart || tail.length > 0);
  console.log(ok ? "[pg-restart] PASSED" : "[pg-restart] FAILED");
  if (!ok) exitCode = 1;
  await owner.endSession().catch(() => undefined);
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await handle.close().catch(() => undefined);
  const drop = bareClient(urlFor("postgres"), 1);
  await drop.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((e: unknown) => console.error(e));
  await drop.end();
}
process.exit(exitCode);
