// Loopback load test through HTTP against a running `next start`: the user list, a search and a user
// record (users.get + timeline.list), each at 50 concurrent clients for 30 s. One command:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/um_bench npm run start &       (the server under test)
//   npx tsx tests/bench/load.ts --url http://127.0.0.1:3000                       (this script)
//
// Options: --connections 50, --duration 30 (seconds), --only list,search,record.
// The script makes a real session row for the first owner in BENCH_DATABASE_URL (default um_bench,
// which must be the server's DATABASE_URL) and signs the next-auth JWT with AUTH_SECRET from .env.local.
// It fails (exit 1) on any error, timeout or non-2xx response.
import autocannon from "autocannon";
import nextEnv from "@next/env";
import { choosePicks } from "./context";
import { httpClient, sessionCookie, trpcUrl } from "./http";
import { argValue, machine, writeJson } from "./lib";
import { bareClient, DEFAULT_BENCH_URL, ownerSession } from "./setup";
import { openDatabase } from "../../db/client";

nextEnv.loadEnvConfig(process.cwd(), false);

const base = argValue("url") ?? process.env.BENCH_HTTP_URL ?? "http://127.0.0.1:3000";
const connections = Number(argValue("connections") ?? 50);
const duration = Number(argValue("duration") ?? 30);
const only = new Set((argValue("only") ?? "list,search,record").split(","));
const dbUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
const secret = process.env.AUTH_SECRET;
if (!secret) {
  console.error("AUTH_SECRET is not set (.env.local): the server and this script must share it");
  process.exit(2);
}

const handle = await openDatabase({ url: dbUrl, maxConnections: 2 });
const bare = bareClient(dbUrl, 1);
const owner = await ownerSession(handle.db);
let failed = false;
try {
  const cookie = await sessionCookie({ userId: owner.id, email: owner.email, sessionId: owner.sessionId, secret });
  await httpClient(base, cookie); // checks the server accepts the session
  const picks = await choosePicks(bare);
  const sample = await bare<{ id: number }[]>`SELECT id FROM users WHERE role = 'customer' AND order_count > 0 ORDER BY id DESC LIMIT 200`;
  const path = (p: string, input?: unknown) => trpcUrl("", p, input);
  const headers = { cookie };

  const scenarios: { name: string; requests: autocannon.Request[] }[] = [
    { name: "list", requests: [{ method: "GET" as const, path: path("users.list", { limit: 50 }), headers }] },
    {
      name: "search",
      requests: ["smi", "john", "morris", picks.rareFragment].map((q) => ({ method: "GET" as const, path: path("users.list", { filter: { q }, limit: 50 }), headers })),
    },
    {
      name: "record",
      requests: sample.slice(0, 50).flatMap(({ id }) => [
        { method: "GET" as const, path: path("users.get", { id: Number(id) }), headers },
        { method: "GET" as const, path: path("timeline.list", { userId: Number(id) }), headers },
      ]),
    },
  ].filter((s) => only.has(s.name));

  const before = machine();
  const results = [];
  for (const s of scenarios) {
    console.log(`[load] ${s.name}: ${connections} connections for ${duration} s against ${base}`);
    const r = await autocannon({ url: base, connections, duration, requests: s.requests, timeout: 10 });
    const summary = {
      name: s.name,
      requestsPerSecond: r.requests.average,
      total: r.requests.total,
      latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
    };
    results.push(summary);
    console.log(
      `[load] ${s.name}: ${summary.requestsPerSecond.toFixed(0)} req/s, p50 ${summary.latency.p50} ms, p99 ${summary.latency.p99} ms, ` +
        `errors ${summary.errors}, timeouts ${summary.timeouts}, non-2xx ${summary.non2xx}`,
    );
    if (summary.errors || summary.timeouts || summary.non2xx) failed = true;
  }
  const after = machine();
  const file = writeJson(`load-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, {
    base,
    connections,
    duration,
    machine: { ...after, loadavgBefore: before.loadavg },
    results,
  });
  console.log(`[load] wrote ${file}; load average before ${before.loadavg.join(" ")}, after ${after.loadavg.join(" ")}`);
  console.log(failed ? "[load] FAILED: errors, timeouts or non-2xx responses" : "[load] zero errors");
} catch (err) {
  console.error(err);
  failed = true;
} finally {
  await owner.endSession().catch(() => undefined);
  await bare.end();
  await handle.close();
}
process.exit(failed ? 1 : 0);
