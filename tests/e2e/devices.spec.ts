import { expect, test, type Page } from "@playwright/test";
import { DEMO, login } from "./helpers";

// A second browser that names itself Firefox on Linux, so its row is told apart from every other
// session of the same account (other spec files sign the owner in at the same time).
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

/** Opens the profile page from the admin shell's user box, as a person would. */
async function openProfile(page: Page) {
  await page.getByRole("link", { name: "Profile & devices" }).first().click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
}

test("removing a device on one's own devices page signs that browser out on its next navigation", async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext({ userAgent: FIREFOX_LINUX });
  try {
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    await login(pageA, "owner");
    await login(pageB, "owner");

    await openProfile(pageA);
    const devices = pageA.getByRole("list", { name: "Signed-in devices" });
    const mine = devices.getByRole("listitem").filter({ hasText: "This device" });
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(/Chrome/);
    const other = devices.getByRole("listitem").filter({ hasText: "Firefox 125 on Linux" });
    await expect(other).toHaveCount(1);
    await expect(other).not.toContainText("This device");

    await other.getByRole("button", { name: /^Remove Firefox 125 on Linux/ }).click();
    const dialog = pageA.getByRole("dialog", { name: "Remove this device?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Remove device" }).click();
    await expect(dialog).toBeHidden();
    await expect(devices.getByRole("listitem").filter({ hasText: "Firefox 125 on Linux" })).toHaveCount(0);

    await pageB.goto("/users");
    await expect(pageB).toHaveURL(/\/login(\?|$)/);
    await expect(pageB.getByRole("heading", { name: "Sign in to User Manager" })).toBeVisible();

    // The browser that removed it is still signed in.
    await pageA.reload();
    await expect(pageA.getByRole("heading", { name: "Your profile" })).toBeVisible();
    await expect(pageA.getByText(DEMO.owner.email).first()).toBeVisible();
  } finally {
    await a.close();
    await b.close();
  }
});

test("enabling notifications asks the browser and lists the subscription, or says clearly why it cannot", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"], { origin: baseURL });
  try {
    const page = await context.newPage();
    await login(page, "manager");
    await openProfile(page);
    const card = page.getByRole("region", { name: "Web notifications" });
    await expect(card).toContainText("Notifications are off for this browser.");
    await card.getByRole("checkbox", { name: "New quote" }).uncheck();

    const enable = card.getByRole("button", { name: "Enable notifications" });
    const ok = card.getByRole("status").filter({ hasText: "Notifications are on for this browser." });
    const failed = card.getByRole("alert").filter({ hasText: "could not subscribe with its push service" });
    // A click before hydration does nothing, so click until the card answers one way or the other.
    await expect(async () => {
      if (await enable.isVisible()) await enable.click();
      await expect(ok.or(failed)).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });

    const thisDevice = page.getByRole("list", { name: "Signed-in devices" }).getByRole("listitem").filter({ hasText: "This device" });
    if (await failed.isVisible()) {
      // Headless Chromium has no push service to register with (it answers "Registration failed").
      await expect(thisDevice).toContainText("Web notifications: off");
      await expect(enable).toBeEnabled();
    } else {
      await expect(thisDevice).toContainText("New order");
      await expect(thisDevice).not.toContainText("New quote");
      await expect(card.getByRole("button", { name: "Send test notification" })).toBeVisible();
    }
  } finally {
    await context.close();
  }
});
