import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Created by `scripts/seed.ts` (see scripts/demo-accounts.ts). */
export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO = {
  owner: { email: "owner@demo.test", name: "Olive Owner" },
  admin: { email: "admin@demo.test", name: "Adam Admin" },
  manager: { email: "manager@demo.test", name: "Mina Manager" },
  customer: { email: "customer@demo.test", name: "Cass Customer" },
  /** Only in the e2e database (SEED_E2E_ACCOUNTS=1); the password-reset spec changes its password. */
  resetter: { email: "reset@demo.test", name: "Remy Reset" },
} as const;

/**
 * Logins that a single spec owns, created by global setup after the seed. A spec that ends sessions
 * or changes a password must use one of these: the shared demo logins above are signed in by other
 * specs running at the same time.
 */
export interface DedicatedAccount {
  email: string;
  role: "owner" | "admin" | "manager" | "customer";
  firstName: string;
  lastName: string;
}
export const DEDICATED: Record<"revoker", DedicatedAccount> = {
  /** sessions.spec.ts: "Log out other devices" ends every other session of its account. */
  revoker: { email: "revoker@e2e.test", role: "admin", firstName: "Rae", lastName: "Revoker" },
};

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

export async function fillLogin(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in with a demo login and waits for the landing page that matches the role. */
export async function login(page: Page, who: keyof typeof DEMO): Promise<void> {
  await fillLogin(page, DEMO[who].email);
  await expect(page).toHaveURL(who === "customer" ? /\/account$/ : /\/dashboard$/);
}

/** Signs in with a dedicated login (same password as the demo logins). */
export async function loginDedicated(page: Page, who: keyof typeof DEDICATED): Promise<void> {
  const account = DEDICATED[who];
  await fillLogin(page, account.email);
  await expect(page).toHaveURL(account.role === "customer" ? /\/account$/ : /\/dashboard$/);
}

/** Opens the "Log out other devices" confirmation; retried because a click before hydration does nothing. */
export async function openLogOutOthers(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Log out other devices?" });
  await expect(async () => {
    await page.getByRole("button", { name: "Log out other devices" }).first().click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return dialog;
}

const SCREENSHOTS = path.join(process.cwd(), "tests", "e2e", "screenshots");

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}x${height}.png`), fullPage: true });
}
