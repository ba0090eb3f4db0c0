import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { hashPassword } from "../server/auth/password";

export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_ACCOUNTS = [
  { email: "owner@demo.test", role: "owner", firstName: "Olive", lastName: "Owner" },
  { email: "admin@demo.test", role: "admin", firstName: "Adam", lastName: "Admin" },
  { email: "manager@demo.test", role: "manager", firstName: "Mina", lastName: "Manager" },
  { email: "customer@demo.test", role: "customer", firstName: "Cass", lastName: "Customer" },
] as const;

/**
 * Accounts only the e2e suite uses (SEED_E2E_ACCOUNTS=1): a spec that changes a password must not
 * pull the demo logins out from under specs running after it.
 */
export const E2E_ACCOUNTS = [{ email: "reset@demo.test", role: "manager", firstName: "Remy", lastName: "Reset" }] as const;

/** The demo's staff and customer logins (the same password, printed by `npm run demo`). */
export async function ensureDemoAccounts(db: Database): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = process.env.SEED_E2E_ACCOUNTS === "1" ? [...DEMO_ACCOUNTS, ...E2E_ACCOUNTS] : DEMO_ACCOUNTS;
  for (const a of accounts) {
    const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${a.email}`);
    if (existing) continue;
    await db.insert(users).values({
      ...a,
      status: "approved",
      source: "manual",
      passwordHash,
      passwordChangedAt: new Date(),
      emailConfirmedAt: new Date(),
      company: a.role === "customer" ? "Demo Trading Ltd" : "User Manager Ltd",
    });
  }
}
