import { expect, test } from "@playwright/test";
import { login } from "./helpers";

const PAYLOAD = "<img src=x onerror=alert(1)>";

test("a user named like HTML shows as text on the list and the record, and no script runs", async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const tag = `xss${Date.now().toString(36)}`;
  await login(page, "admin");
  await page.goto("/users/new");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(`${tag}@example.test`);
  await page.getByLabel("First name").fill(PAYLOAD);
  await page.getByLabel("Last name").fill(`<script>alert(2)</script>${tag}`);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/\/users\/\d+/);
  const record = page.url();

  const injected = page.locator('img[src="x"], script:text("alert(")');
  await expect(page.getByRole("heading", { level: 1 })).toContainText(PAYLOAD);
  await expect(injected).toHaveCount(0);

  await page.goto(`/users?q=${tag}`);
  await expect(page.getByText(PAYLOAD, { exact: false }).first()).toBeVisible();
  await expect(injected).toHaveCount(0);

  await page.goto(`${record}?tab=timeline`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(PAYLOAD);
  await expect(injected).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
