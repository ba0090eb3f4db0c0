import { expect, test } from "@playwright/test";
import { DEMO, fillLogin, login } from "./helpers";

test("the owner signs in and sees the dashboard with their name", async ({ page }) => {
  await login(page, "owner");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(DEMO.owner.name);
  await expect(page.getByText(DEMO.owner.email).first()).toBeVisible();
});

test("logging out lands on /login and the session is gone", async ({ page }) => {
  await login(page, "owner");
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to User Manager" })).toBeVisible();
});

test("a wrong password is refused with the generic message", async ({ page }) => {
  await fillLogin(page, DEMO.owner.email, "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login$/);
  // An unknown address gets exactly the same answer.
  await fillLogin(page, "nobody@demo.test", "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("a customer who opens /dashboard lands on /account", async ({ page }) => {
  await login(page, "customer");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/account(\?|$)/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByText(DEMO.customer.email)).toBeVisible();
});

test("an anonymous visit to /dashboard lands on /login", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in to User Manager" })).toBeVisible();
});
