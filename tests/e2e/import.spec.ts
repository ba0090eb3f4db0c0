import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test("CSV import: the dry run reports good and bad rows, applying creates exactly the good ones", async ({ page }) => {
  const tag = `imp${Date.now().toString(36)}`;
  const csv = [
    "Email,First name,Last name,Status",
    `${tag}-ann@example.test,Ann,Importer,approved`,
    `not-an-email,Bad,Address,approved`,
    `${tag}-bob@example.test,Bob,"Importer, Jr.",pending`,
    `${tag}-ann@example.test,Ann,Twice,approved`,
    `${tag}-cy@example.test,Cy,Sleeper,sleeping`,
  ].join("\n");

  await login(page, "admin");
  await page.goto("/users/import");
  await expect(page.getByRole("heading", { name: "Import users" })).toBeVisible();

  const summary = page.getByRole("status").filter({ hasText: "5 rows:" });
  // Retried: a file chosen before hydration would fire no change handler.
  await expect(async () => {
    await page.getByLabel("CSV file").setInputFiles({ name: `${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(summary).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(summary).toHaveText("5 rows: 2 to create, 0 to update, 0 unchanged, 3 with errors.");

  const table = page.getByRole("table", { name: "Dry run result per row" });
  await expect(table.getByRole("row")).toHaveCount(4); // header + the 3 errors, shown first
  await expect(table.getByRole("row", { name: /^3 not-an-email error/ })).toContainText('email: "not-an-email" is not a valid address');
  await expect(table.getByRole("row", { name: /^5 / })).toContainText("email: duplicate of row 2 in this file");
  await expect(table.getByRole("row", { name: /^6 / })).toContainText('status: "sleeping" is not one of');
  await page.getByRole("button", { name: "New (2)" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).toContainText(`${tag}-ann@example.test`);
  await expect(table).toContainText(`${tag}-bob@example.test`);

  await page.getByRole("button", { name: "Import 2 new, update 0" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply this import?" });
  await dialog.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByText("Imported: 2 created, 0 updated, 0 unchanged, 3 rows skipped with errors.")).toBeVisible();

  await page.goto(`/users?q=${tag}`);
  await expect(page.getByText("2 users match")).toBeVisible();
  const list = page.locator("main");
  await expect(list.getByText(`${tag}-ann@example.test`).first()).toBeVisible();
  await expect(list.getByText(`${tag}-bob@example.test`).first()).toBeVisible();
  await expect(list.getByText(`${tag}-cy@example.test`)).toHaveCount(0);
});
