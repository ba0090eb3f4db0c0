// Measures GET /api/export/users end to end (route handler → COPY → bytes drained) against a
// database given by DATABASE_URL, with the route's context seam pointing at it (no cookies, no mocks).
// Run: DATABASE_URL=postgres://…/um_bench npx tsx --conditions=react-server scripts/measure-export.ts [columns]
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../db/client";
import { GET } from "../app/api/export/users/route";
import { setRouteContextResolver } from "../server/api/route-context";
import { DEFAULT_EXPORT_COLUMNS } from "../server/schemas/exports";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("set DATABASE_URL");
const handle = await openDatabase({ url, maxConnections: 4 });
const [owner] = await queryRows<{ id: number; email: string }>(handle.db, sql`SELECT id, email FROM users WHERE role = 'owner' ORDER BY id LIMIT 1`);
if (!owner) throw new Error("no owner account in that database");
setRouteContextResolver(async () => ({
  db: handle.db,
  ip: "127.0.0.1",
  session: { sessionId: "bench", user: { id: owner.id, email: owner.email, name: "Bench", role: "owner", sessionId: "bench", mustChangePassword: false } },
}));

const columns = process.argv[2] ?? DEFAULT_EXPORT_COLUMNS.join(",");
const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
for (let run = 1; run <= 3; run++) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const res = await GET(new Request(`http://localhost/api/export/users?columns=${encodeURIComponent(columns)}`));
  const firstByte = performance.now() - started;
  const reader = res.body!.getReader();
  let bytes = 0;
  let newlines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
  }
  const total = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `run ${run}: status ${res.status}, rows header ${res.headers.get("x-export-rows")}, ${newlines} lines, ${mib(bytes)} MiB, ` +
      `first byte ${firstByte.toFixed(0)} ms, total ${(total / 1000).toFixed(2)} s, RSS base ${mib(base)} MiB, peak ${mib(peak)} MiB (+${mib(peak - base)})`,
  );
}
setRouteContextResolver(null);
await handle.close();
