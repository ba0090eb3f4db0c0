import { openDatabase } from "./db/client";
import { createCaller } from "./server/api/root";
import { sql } from "drizzle-orm";

const h = await openDatabase({ url: process.env.DATABASE_URL });
const db = h.db;
const [owner] = (await db.execute(sql`select id, email from users where role='owner' limit 1`)) as unknown as { id: number; email: string }[];
const caller = createCaller({ db, session: { sessionId: "x", user: { id: owner!.id, email: owner!.email, name: "o", role: "owner", sessionId: "x", mustChangePassword: false } }, ip: null, userAgent: null });
async function time(name: string, fn: () => Promise<unknown>, n = 20) {
  for (let i = 0; i < 3; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); await fn(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(name.padEnd(40), "p50", t[Math.floor(n / 2)]!.toFixed(2), "p95", t[Math.floor(n * 0.95)]!.toFixed(2));
}
await time("summary", () => caller.users.summary());
await time("list first page", () => caller.users.list({ limit: 50 }));
let cursor: string | null = null;
for (let i = 0; i < 200; i++) { cursor = (await caller.users.list({ limit: 50, cursor })).nextCursor; }
const deep = cursor;
await time("list 10k deep", () => caller.users.list({ limit: 50, cursor: deep }));
const f = { status: ["approved" as const], levelId: [2], source: ["ecommerce" as const] };
await time("list filtered first", () => caller.users.list({ limit: 50, filter: f }));
cursor = null;
for (let i = 0; i < 200; i++) { cursor = (await caller.users.list({ limit: 50, cursor, filter: f })).nextCursor; }
const deepF = cursor;
await time("list filtered 10k deep", () => caller.users.list({ limit: 50, cursor: deepF, filter: f }));
await time("list active filter", () => caller.users.list({ limit: 50, filter: { active: true } }));
await time("search smi", () => caller.users.list({ limit: 50, filter: { q: "smi" } }));
await time("search john.sm", () => caller.users.list({ limit: 50, filter: { q: "john.sm" } }));
await time("search rare 'olivia.okafor12'", () => caller.users.list({ limit: 50, filter: { q: "okafor12" } }));
await time("search sorted by created 'smith'", () => caller.users.list({ limit: 50, sort: "created", filter: { q: "smith" } }));
await time("sort name", () => caller.users.list({ limit: 50, sort: "name" }));
await time("sort lastActive", () => caller.users.list({ limit: 50, sort: "lastActive" }));
await time("sort totalSpend", () => caller.users.list({ limit: 50, sort: "totalSpend" }));
await time("count filtered", () => caller.users.count({ filter: f }), 5);
await time("count all", () => caller.users.count({ filter: {} }), 5);
await time("get", () => caller.users.get({ id: 500000 }));
await h.close();
