import { expect, test } from "@playwright/test";
import { DEDICATED, login, loginDedicated, openLogOutOthers } from "./helpers";

// An admin login of its own: revoking "other devices" of a shared demo login would sign out other
// specs running at the same time, and the count of revoked sessions could not be exact.
test("'Log out other devices' ends the other browser's session and keeps this one", async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  try {
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    await loginDedicated(pageA, "revoker");
    await loginDedicated(pageB, "revoker");

    const dialog = await openLogOutOthers(pageB);
    await dialog.getByRole("button", { name: "Log out other devices" }).click();
    await expect(dialog).toBeHidden();
    await expect(pageB.getByRole("status").filter({ hasText: /other/ })).toHaveText("Logged out 1 other session.");

    await pageA.reload();
    await expect(pageA).toHaveURL(/\/login(\?|$)/);

    await pageB.reload();
    await expect(pageB).toHaveURL(/\/dashboard$/);
    await expect(pageB.getByRole("heading", { level: 1 })).toContainText(`${DEDICATED.revoker.firstName} ${DEDICATED.revoker.lastName}`);
  } finally {
    await a.close();
    await b.close();
  }
});

test("the confirmation can be cancelled from /account, and nothing is revoked", async ({ page }) => {
  await login(page, "customer");
  const dialog = await openLogOutOthers(page);
  await expect(dialog).toContainText("You stay signed in here.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: /other/ })).toHaveCount(0);
  await page.reload();
  await expect(page).toHaveURL(/\/account$/);
});
