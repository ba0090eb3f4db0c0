import { createInterface } from "node:readline/promises";
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { argValue, openFromEnv } from "./lib";

const ROLES = ["owner", "admin", "manager", "customer"] as const;
const email = argValue("email")?.trim().toLowerCase();
const role = (argValue("role") ?? "owner") as (typeof ROLES)[number];
let password = argValue("password") ?? process.env.USER_PASSWORD;

if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  console.error("Usage: npm run user:create -- --email you@example.com [--role owner|admin|manager|customer] [--password …]");
  process.exit(2);
}
if (!ROLES.includes(role)) {
  console.error(`--role must be one of ${ROLES.join(", ")}`);
  process.exit(2);
}
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (12+ characters): ");
  rl.close();
}
if (password.length < 12) {
  console.error("password: use at least 12 characters");
  process.exit(2);
}

const handle = await openFromEnv();
try {
  const passwordHash = await hashPassword(password);
  const values = {
    role,
    status: "approved" as const,
    passwordHash,
    passwordChangedAt: new Date(),
    emailConfirmedAt: new Date(),
    mustChangePassword: false,
  };
  const [existing] = await handle.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const [row] = existing
    ? await handle.db
        .update(users)
        .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
        .where(sql`${users.id} = ${existing.id}`)
        .returning({ id: users.id })
    : await handle.db
        .insert(users)
        .values({
          ...values,
          email,
          firstName: argValue("first-name") ?? "",
          lastName: argValue("last-name") ?? "",
          source: "manual",
        })
        .returning({ id: users.id });
  console.log(`User ${email} (${role}) is ready, id ${row?.id}.`);
} finally {
  await handle.close();
}
