import { bareClient } from "./tests/bench/setup";
import { openBenchDatabase } from "./tests/bench/setup";
import { DEFAULT_EXPORT_COLUMNS } from "./server/schemas/exports";
import { exportUsers } from "./server/services/users/export";
const bench = await openBenchDatabase({ quick: true, quickUsers: 300, log: console.log });
const h = bench.handle; const bare = bench.bare;
const actor = { id: 1, email: "x@y", name: "x", role: "owner" as const, sessionId: "x" };
async function drain(stream: ReadableStream<Uint8Array>) { const r = stream.getReader(); let n = 0; for (;;) { const { done, value } = await r.read(); if (done) return n; n += value.byteLength; } }
const wd = setInterval(() => console.log("…waiting"), 3000);
for (let i = 0; i < 3; i++) {
  console.log("proc", i);
  const out = await exportUsers({ ctx: { db: h.db, actor, ip: null }, input: { columns: [...DEFAULT_EXPORT_COLUMNS] } });
  console.log("rows", out.rows, "bytes", await drain(out.stream));
  console.log("sql", i);
  const s = await bare.unsafe(`COPY (SELECT u.id FROM users u) TO STDOUT WITH (FORMAT csv, HEADER)`).readable();
  let n = 0; for await (const c of s) n += c.length; console.log("sql bytes", n);
}
clearInterval(wd);
await bench.close();
