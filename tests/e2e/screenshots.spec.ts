import { expect, test } from "@playwright/test";
import { fillLogin, login, openLogOutOthers, screenshot, VIEWPORTS } from "./helpers";

// Pages at desktop and phone size, saved under tests/e2e/screenshots/ (gitignored) for review.
for (const viewport of VIEWPORTS) {
  test.describe(`screenshots at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test("login", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await screenshot(page, "login");
      await fillLogin(page, "nobody@demo.test", "wrong-password");
      await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
      await screenshot(page, "login-error");
    });

    test("dashboard", async ({ page }) => {
      await login(page, "owner");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await screenshot(page, "dashboard");
      if (viewport.width < 1024) {
        await page.getByRole("button", { name: "Menu" }).click();
        await expect(page.locator("#mobile-nav")).toBeVisible();
        await screenshot(page, "dashboard-menu");
        await page.getByRole("button", { name: "Close" }).click();
      }
      await openLogOutOthers(page);
      await screenshot(page, "dashboard-log-out-others");
    });

    test("account", async ({ page }) => {
      await login(page, "customer");
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
      await screenshot(page, "account");
    });
  });
}
