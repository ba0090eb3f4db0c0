import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

/** Opens the record of the biggest spender in the seeded store (the seed always makes buyers). */
async function openTopBuyer(page: Page): Promise<void> {
  await page.goto("/users?sort=totalSpend&dir=desc&role=customer");
  // A user record link: /users/<id>, not the "Add user" or "Import" links beside the list.
  const first = page.locator('main a[href^="/users/"]:not([href="/users/new"]):not([href^="/users/import"])').first();
  await first.click();
  await expect(page).toHaveURL(/\/users\/\d+/);
}

test("a manager opens a user's sales summary and sees the charts", async ({ page }) => {
  await login(page, "manager");
  await openTopBuyer(page);
  await page.getByRole("tab", { name: /Sales summary/ }).click();
  await expect(page.getByText("Total spend")).toBeVisible();
  await expect(page.getByRole("img", { name: /Spend by month/ })).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Top products" }).getByRole("listitem").first()).toBeVisible();
  await page.getByRole("tab", { name: /Reports/ }).click();
  await expect(page.getByRole("img", { name: /Revenue by month/ })).toBeVisible();
});

test("an admin enables a target and sees progress", async ({ page }) => {
  await login(page, "admin");
  await openTopBuyer(page);
  await page.getByRole("tab", { name: "Sales target" }).click();
  const disable = page.getByRole("button", { name: "Disable", exact: true });
  // Wait until the tab has loaded: the seeded buyer may already have a target.
  await expect(disable.or(page.getByRole("button", { name: "Enable target" }))).toBeVisible();
  if (await disable.isVisible()) {
    await disable.click();
    await page.getByRole("dialog").getByRole("button", { name: "Disable target" }).click();
  }
  await page.getByLabel(/Annual target/).fill("25000");
  await page.getByRole("button", { name: "Enable target" }).click();
  await expect(page.getByRole("progressbar", { name: "Year to date against the annual target" })).toBeVisible();
  await expect(page.getByText(/of £25,000\.00/)).toBeVisible();
  await expect(page.getByRole("img", { name: /Monthly sales in \d{4} against the target/ })).toBeVisible();
});

test("the targets report exports a CSV whose rows match the table", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/reports/targets");
  const table = page.getByTestId("targets-table");
  await expect(table).toBeVisible();
  const emails = await table.locator("tbody tr td:first-child div").allTextContents();
  const percents = await table.locator("tbody tr td:nth-child(7)").allTextContents();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const rows = Papa.parse<string[]>(readFileSync(file, "utf8").trim()).data.slice(1);
  // The table shows the first page (50); the CSV has every row in the same order.
  expect(rows.length).toBeGreaterThanOrEqual(emails.length);
  expect(rows.slice(0, emails.length).map((r) => r[1])).toEqual(emails.map((e) => e.split(" · ")[0]));
  expect(rows.slice(0, percents.length).map((r) => `${r[8]}%`)).toEqual(percents.map((p) => p.replace("% of target", "").trim()));
});
