// `npm run bench` — times the real tRPC procedures (createCaller as an owner) against a big database,
// each beside the hand-written SQL answering the same question on the same driver, and optionally
// through HTTP against a running `next start`. See docs/benchmarks.md.
//
//   npm run bench                              full run against BENCH_DATABASE_URL (default um_bench)
//   npm run bench -- --quick                   fresh small database seeded here, dropped afterwards (CI smoke)
//   npm run bench -- --http http://127.0.0.1:3000   also through HTTP (server on the same database)
//   npm run bench -- --only users,sales        groups: users, sales, subscribers, export
//   npm run bench -- --runs 30                 timed rounds per question (default 20)
import { execFileSync } from "node:child_process";
import nextEnv from "@next/env";
import { choosePicks, type BenchContext } from "./context";
import { exportCases } from "./export";
import { httpClient, sessionCookie, type HttpClient } from "./http";
import { argValue, consoleTable, hasFlag, machine, markdownTable, runCase, writeJson, type Case, type Result } from "./lib";
import { writeFileSync } from "node:fs";
import { salesCases } from "./sales";
import { openBenchDatabase, ownerSession } from "./setup";
import { subscriberCases } from "./subscribers";
import { userCases } from "./users";

nextEnv.loadEnvConfig(process.cwd(), false);

const quick = hasFlag("quick");
const runs = Number(argValue("runs") ?? 20);
const httpBase = argValue("http") ?? (hasFlag("http") ? process.env.BENCH_HTTP_URL ?? "http://127.0.0.1:3000" : undefined);
const only = new Set((argValue("only") ?? "users,sales,subscribers,export").split(",").map((s) => s.trim()));
const log = (s: string) => console.log(`[bench] ${s}`);

function pgVersion(bareVersion: string): string {
  return bareVersion.split(" on ")[0] ?? bareVersion;
}

const startedAt = new Date();
const before = machine();
log(`${quick ? "quick" : "full"} run on ${before.cpus} cores, ${before.ramGiB} GiB, load ${before.loadavg.join(" ")}`);

const bench = await openBenchDatabase({ quick, quickUsers: Number(argValue("users") ?? 2000), log });
const owner = await ownerSession(bench.db);
let exitCode = 0;
try {
  const [{ version }] = (await bench.bare`SELECT version()`) as unknown as [{ version: string }];
  const picks = await choosePicks(bench.bare);
  log(`database ${new URL(bench.url).pathname.slice(1)}: ${picks.users.toLocaleString("en")} users, ${pgVersion(version)}`);
  log(`picks: ${JSON.stringify(picks)}`);

  let http: HttpClient | null = null;
  if (httpBase) {
    const secret = process.env.AUTH_SECRET;
    if (!secret) throw new Error("--http needs AUTH_SECRET (in .env.local or the environment), the same one the server uses");
    http = await httpClient(httpBase, await sessionCookie({ userId: owner.id, email: owner.email, sessionId: owner.sessionId, secret }));
    log(`HTTP: ${httpBase} accepts the bench session`);
  }

  const ctx: BenchContext = { db: bench.db, bare: bench.bare, owner, caller: owner.caller, picks, http, quick, log };
  const cases: Case[] = [];
  if (only.has("users")) cases.push(...(await userCases(ctx)));
  if (only.has("sales")) cases.push(...(await salesCases(ctx)));
  if (only.has("subscribers")) cases.push(...(await subscriberCases(ctx)));
  if (only.has("export")) cases.push(...(await exportCases(ctx)));

  const results: Result[] = [];
  for (const c of cases) {
    const r = await runCase(c, { quick, runs, warmup: 2, http: Boolean(http) });
    results.push(r);
    log(
      `${r.label}: p50 ${r.proc.p50.toFixed(2)} ms, p95 ${r.proc.p95.toFixed(2)} ms` +
        (r.sql ? `; SQL p50 ${r.sql.p50.toFixed(2)} ms (${r.ratio?.toFixed(2)}×)` : "") +
        (r.http ? `; HTTP p50 ${r.http.p50.toFixed(2)} ms` : "") +
        (r.error ? `; ERROR ${r.error}` : ""),
    );
  }

  const after = machine();
  console.log("\n" + consoleTable(results) + "\n");
  const errors = results.filter((r) => r.error);
  const missed = results.filter((r) => r.targetMet === false);
  const overBudget = results.filter((r) => r.withinBudget === false);
  const file = writeJson(`${quick ? "quick" : "full"}-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`, {
    kind: quick ? "quick" : "full",
    startedAt,
    finishedAt: new Date(),
    database: new URL(bench.url).pathname.slice(1),
    postgres: pgVersion(version),
    machine: { ...after, loadavgBefore: before.loadavg, loadavgAfter: after.loadavg, uptime: safeUptime() },
    picks,
    http: httpBase ?? null,
    results,
  });
  const md = file.replace(/\.json$/, ".md");
  writeFileSync(
    md,
    `Run ${startedAt.toISOString()} on ${after.cpus} cores (${after.cpuModel}), ${after.ramGiB} GiB RAM, ${pgVersion(version)}, ` +
      `database ${new URL(bench.url).pathname.slice(1)} (${picks.users.toLocaleString("en")} users); load average before ${before.loadavg.join(" ")}, ` +
      `after ${after.loadavg.join(" ")}. Times in ms; p50/p95 over the rounds; HTTP ${httpBase ?? "not run"}.\n\n${markdownTable(results)}\n`,
  );
  log(`wrote ${file} and ${md}`);
  log(`load average before ${before.loadavg.join(" ")}, after ${after.loadavg.join(" ")}`);
  if (!quick) log(`targets missed: ${missed.map((r) => r.label).join("; ") || "none"}; over 1.5×SQL+2ms: ${overBudget.map((r) => r.label).join("; ") || "none"}`);
  // The quick run is a smoke test: no timing assertions, but every question must answer.
  if (errors.length) {
    log(`${errors.length} question(s) failed: ${errors.map((r) => `${r.label}: ${r.error}`).join(" | ")}`);
    exitCode = 1;
  }
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await owner.endSession().catch(() => undefined);
  await bench.close();
}
process.exit(exitCode);

function safeUptime(): string {
  try {
    return execFileSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}
