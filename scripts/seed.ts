import { randomBytes } from "node:crypto";
import { seedDemo } from "../db/seed";
import { hashPassword } from "../server/auth/password";
import { ensureDemoAccounts, DEMO_PASSWORD } from "./demo-accounts";
import { argValue, openFromEnv } from "./lib";

const count = Number(argValue("users") ?? 2000);
if (!Number.isInteger(count) || count < 0 || count > 10_000_000) {
  console.error("--users must be a whole number between 0 and 10,000,000");
  process.exit(2);
}

const handle = await openFromEnv();
const started = Date.now();
try {
  await ensureDemoAccounts(handle.db);
  await seedDemo(handle.db, {
    users: count,
    passwordHash: await hashPassword(randomBytes(24).toString("base64")),
    onProgress: (step, done, total) => process.stdout.write(`\r${step}: ${done.toLocaleString()} / ${total.toLocaleString()}   `),
  });
  process.stdout.write("\n");
  console.log(`Seeded ${count.toLocaleString()} users in ${((Date.now() - started) / 1000).toFixed(1)} s (${handle.kind}).`);
  console.log(`Demo logins (password ${DEMO_PASSWORD}): owner@demo.test, admin@demo.test, manager@demo.test, customer@demo.test`);
} finally {
  await handle.close();
}
