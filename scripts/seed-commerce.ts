// Adds products, orders, quotes and sales targets to a database that already has users
// (e.g. a benchmark database seeded before the commerce tables existed).
import { sql } from "drizzle-orm";
import { seedCommerce } from "../db/seed/commerce";
import { openFromEnv } from "./lib";

const handle = await openFromEnv();
const started = Date.now();
try {
  await seedCommerce(handle.db, {
    sinceUserId: 0,
    onProgress: (done, total) => process.stdout.write(`\rorders: users ${done.toLocaleString()} / ${total.toLocaleString()}   `),
  });
  await handle.db.execute(sql`ANALYZE`);
  process.stdout.write("\n");
  console.log(`Seeded commerce data in ${((Date.now() - started) / 1000).toFixed(1)} s (${handle.kind}).`);
} finally {
  await handle.close();
}
