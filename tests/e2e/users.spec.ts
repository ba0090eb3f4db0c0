import { expect, test } from "@playwright/test";
import { login, screenshot, VIEWPORTS } from "./helpers";

for (const viewport of VIEWPORTS) {
  test.describe(`user manager at ${viewport.width}px`, () => {
    test.use({ viewport });

    test("find a user by part of the email, edit, comment, deactivate, and filter to Active accounts", async ({ page }) => {
      const tag = `${Date.now().toString(36)}${viewport.width}e2e`;
      const email = `${tag}@example.test`;
      await login(page, "admin");

      // A known user to look for.
      await page.goto("/users/new");
      await page.getByRole("textbox", { name: "Email", exact: true }).fill(email);
      await page.getByLabel("First name").fill("Eve");
      await page.getByLabel("Last name").fill("Tester");
      await page.getByRole("button", { name: "Create user" }).click();
      await expect(page).toHaveURL(/\/users\/\d+/);

      // Find by part of the email.
      await page.goto("/users");
      await page.getByRole("searchbox").fill(tag);
      await expect(page).toHaveURL(/q=/);
      const result = page.getByRole("link", { name: /Eve Tester/ }).first();
      await expect(result).toBeVisible();
      await screenshot(page, "users-search");
      await result.click();
      await expect(page.getByRole("heading", { level: 1, name: "Eve Tester" })).toBeVisible();

      // Edit and save.
      await page.getByRole("button", { name: "Edit details" }).click();
      const save = page.getByRole("button", { name: "Save changes" });
      // Typing before the form has settled can be reset by its first render; retry until Save is live.
      await expect(async () => {
        await page.getByLabel("Phone").fill("+44 20 7946 0001");
        await expect(save).toBeEnabled({ timeout: 1_000 });
      }).toPass({ timeout: 15_000 });
      await save.click();
      await expect(page.getByText("+44 20 7946 0001")).toBeVisible();

      // The change is on the timeline; add a comment.
      await page.getByRole("tab", { name: "Timeline" }).click();
      await expect(page.getByRole("list", { name: "Timeline, newest first" }).getByText("Changed phone")).toBeVisible();
      await page.getByLabel("New comment").fill("Called about a trade account.");
      await page.getByRole("button", { name: "Post comment" }).click();
      const timeline = page.getByRole("list", { name: "Timeline, newest first" });
      await expect(timeline.getByText("Called about a trade account.")).toBeVisible();
      await screenshot(page, "users-timeline");

      // Deactivate, confirmed first.
      await page.getByRole("button", { name: "Deactivate", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: /Deactivate Eve Tester/ });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: "Deactivate" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText("inactive: status is suspended").first()).toBeVisible();

      // The Active accounts count links to the filtered list, which no longer holds this user.
      await page.goto("/users");
      await page.getByRole("navigation", { name: "User counts" }).getByRole("link", { name: /Active accounts/ }).click();
      await expect(page).toHaveURL(/active=1/);
      await page.getByRole("searchbox").fill(tag);
      await expect(page.getByText(/No users match/)).toBeVisible();
      await screenshot(page, "users-active-empty");
    });
  });
}
