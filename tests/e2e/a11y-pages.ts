import { expect, type Page } from "@playwright/test";

/**
 * Every page of the app, for the accessibility (a11y.spec.ts) and phone layout (phone.spec.ts) sweeps.
 * Paths may hold {customer}, {staff} or {group}: ids found once per test through the UI.
 */
export interface PageCase {
  name: string;
  path: string;
  /** Brings the page into the state to check (a drawer or dialog open); the page is loaded already. */
  open?: (page: Page) => Promise<void>;
}

const RECORD_TABS = ["details", "groups", "orders", "quotes", "timeline", "reports", "sales", "target"] as const;

export const OWNER_PAGES: PageCase[] = [
  { name: "dashboard", path: "/dashboard" },
  { name: "users", path: "/users" },
  {
    name: "users-filters",
    path: "/users",
    open: async (page) => {
      await retryClick(page, () => page.getByRole("button", { name: /^Filters/ }).first(), () => page.getByRole("dialog", { name: "Filters" }));
    },
  },
  {
    name: "users-bulk-dialog",
    path: "/users",
    open: async (page) => {
      await page.getByRole("checkbox", { name: /^Select (?!all)/ }).first().check();
      await retryClick(
        page,
        () => page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Set status" }),
        () => page.getByRole("dialog").first(),
      );
    },
  },
  { name: "users-new", path: "/users/new" },
  ...RECORD_TABS.map((tab) => ({ name: `user-record-${tab}`, path: tab === "details" ? "/users/{customer}" : `/users/{customer}?tab=${tab}` })),
  { name: "user-record-devices", path: "/users/{staff}?tab=devices" },
  { name: "groups", path: "/groups" },
  { name: "group", path: "/groups/{group}" },
  { name: "tags", path: "/tags" },
  { name: "smart-types", path: "/smart-types" },
  { name: "prospects", path: "/prospects" },
  { name: "reports", path: "/reports" },
  { name: "reports-targets", path: "/reports/targets" },
  { name: "invites", path: "/invites" },
  { name: "subscribers", path: "/subscribers" },
  { name: "deletion-requests", path: "/deletion-requests" },
  { name: "audit", path: "/audit" },
  { name: "email-outbox", path: "/email" },
  { name: "settings", path: "/settings" },
  { name: "api-keys", path: "/settings/api-keys" },
  { name: "profile", path: "/profile" },
];

export const ANONYMOUS_PAGES: PageCase[] = [
  { name: "login", path: "/login" },
  { name: "forgot-password", path: "/forgot-password" },
];

export const CUSTOMER_PAGES: PageCase[] = [{ name: "account", path: "/account" }];

/** Clicks until `target` shows: a click before hydration does nothing. */
async function retryClick(page: Page, button: () => ReturnType<Page["getByRole"]>, target: () => ReturnType<Page["getByRole"]>) {
  await expect(async () => {
    await button().click();
    await expect(target()).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
}

export interface Ids {
  customer: string;
  staff: string;
  group: string;
}

/** Finds a customer, a staff user and a group through the UI (signed in as an owner). */
export async function findIds(page: Page): Promise<Ids> {
  const idFrom = async (path: string, link: RegExp) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
    return page
      .locator("a[href]")
      .evaluateAll((as, source) => as.map((a) => a.getAttribute("href") ?? "").find((h) => new RegExp(source).test(h)) ?? null, link.source);
  };
  const first = async (path: string, link: RegExp) => {
    let href: string | null = null;
    await expect(async () => {
      href = await idFrom(path, link);
      expect(href).not.toBeNull();
    }).toPass({ timeout: 30_000 });
    return /(\d+)/.exec(href!)![1]!;
  };
  return {
    customer: await first("/users?q=customer%40demo.test", /^\/users\/\d+/),
    staff: await first("/users?q=admin%40demo.test", /^\/users\/\d+/),
    group: await first("/groups", /^\/groups\/\d+/),
  };
}

export function resolvePath(path: string, ids: Ids | null): string {
  return path.replace(/\{(customer|staff|group)\}/g, (_m, k: keyof Ids) => {
    if (!ids) throw new Error(`${path} needs ids`);
    return ids[k];
  });
}

/** Loads a page and waits until it has settled: a main heading, no loading skeletons, quiet network. */
export async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), `${path} answered ${res?.status()}`).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
  await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0, { timeout: 15_000 });
}
