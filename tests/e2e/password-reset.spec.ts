import { expect, test, type Page } from "@playwright/test";
import { DEMO, fillLogin, login } from "./helpers";

// Changes reset@demo.test's password: an account seeded for this spec alone.
// Needs the development mailbox in the e2e server (DEV_MAILBOX=1 when it runs `next start`).
const NEW_PASSWORD = "violet-anchor-meadow-73-quill";

/** Clicks until the form answers: a click before hydration would submit the plain HTML form. */
async function submitUntil(page: Page, button: string, answer: RegExp) {
  await expect(async () => {
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByRole("status").filter({ hasText: answer })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test("forgot password → link from the mailbox → new password → sign in; the old session is logged out", async ({ browser }) => {
  const oldDevice = await browser.newContext();
  const person = await browser.newContext();
  const owner = await browser.newContext();
  try {
    const oldPage = await oldDevice.newPage();
    await login(oldPage, "resetter");

    const page = await person.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel("Email").fill(DEMO.resetter.email);
    await submitUntil(page, "Email me a link", /If an account uses that address/);

    const ownerPage = await owner.newPage();
    await login(ownerPage, "owner");
    let href = "";
    await expect(async () => {
      await ownerPage.goto("/dev/mailbox");
      const mail = ownerPage.getByRole("article").filter({ hasText: `To ${DEMO.resetter.email}` }).filter({ hasText: "Reset your password" }).first();
      href = (await mail.getByRole("link").first().getAttribute("href", { timeout: 1_000 })) ?? "";
      expect(href).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    }).toPass({ timeout: 30_000 });

    await page.goto(new URL(href).pathname);
    await expect(page.getByText(DEMO.resetter.email)).toBeVisible();
    // The strength rule is shown while typing, before the server is asked.
    await page.getByLabel("New password").fill("password1234");
    await expect(page.getByText(/too easy to guess/)).toBeVisible();
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await submitUntil(page, "Set new password", /Your password has been changed/);

    // The link is single use.
    await page.goto(new URL(href).pathname);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("already been used");

    await fillLogin(page, DEMO.resetter.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);

    await oldPage.reload();
    await expect(oldPage).toHaveURL(/\/login(\?|$)/);
  } finally {
    await Promise.all([oldDevice.close(), person.close(), owner.close()]);
  }
});

test("the forgot-password answer is the same for an unknown address", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill("nobody-here@demo.test");
  await submitUntil(page, "Email me a link", /If an account uses that address/);
});
