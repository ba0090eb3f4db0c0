import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, login } from "./helpers";

// Needs the development mailbox in the e2e server (DEV_MAILBOX=1), like password-reset.spec.ts.
const PASSWORD = "saffron-ladder-quartz-58-meadow";

/** Clicks until `then` holds: a click before hydration does nothing. */
async function clickUntil(page: Page, name: string, then: () => Promise<void>) {
  await expect(async () => {
    await page.getByRole("button", { name }).first().click();
    await then();
  }).toPass({ timeout: 20_000 });
}

async function subscribedCount(page: Page): Promise<number> {
  await page.goto("/users");
  const card = page.getByRole("link", { name: /Subscribed users/ });
  await expect(card).toContainText(/\d/);
  return Number((await card.innerText()).replace(/[^\d\n]/g, " ").trim().split(/\s+/)[0]);
}

test("an admin invites an address; the invitee accepts from the emailed link, lands signed in; the invite shows accepted", async ({ browser }) => {
  const email = `invitee-${Date.now()}@example.com`;
  const admin = await browser.newContext();
  const owner = await browser.newContext();
  const invitee = await browser.newContext();
  try {
    const adminPage = await admin.newPage();
    await login(adminPage, "admin");
    await adminPage.goto("/invites");
    const dialog = adminPage.getByRole("dialog", { name: "Invite people" });
    await clickUntil(adminPage, "Invite people", () => expect(dialog).toBeVisible({ timeout: 1_000 }));
    await dialog.getByLabel("Email addresses").fill(email);
    await dialog.getByLabel("Personal message (optional)").fill("Welcome to the trade programme.");
    await dialog.getByRole("button", { name: "Send invites" }).click();
    await expect(dialog.getByRole("status")).toContainText("1 invited");
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(adminPage.getByTestId("invite-row").filter({ hasText: email })).toContainText("Pending");

    const ownerPage = await owner.newPage();
    await login(ownerPage, "owner");
    let href = "";
    await expect(async () => {
      await ownerPage.goto("/dev/mailbox");
      const mail = ownerPage.getByRole("article").filter({ hasText: `To ${email}` }).first();
      href = (await mail.getByRole("link").filter({ hasText: /\/invite\// }).first().getAttribute("href", { timeout: 1_000 })) ?? "";
      expect(href).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    }).toPass({ timeout: 30_000 });

    const page = await invitee.newPage();
    await page.goto(new URL(href).pathname);
    await expect(page.getByText("invited you to open an account")).toBeVisible();
    await expect(page.getByText("Welcome to the trade programme.")).toBeVisible();
    await page.getByLabel("First name").fill("Ines");
    await page.getByLabel("Choose a password").fill(PASSWORD);
    await page.getByRole("button", { name: "Accept and sign in" }).click();
    await expect(page).toHaveURL(/\/account\?welcome=1$/);
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByText("Your invitation is accepted")).toBeVisible();

    // The link worked once; now it says so and offers nothing else.
    const again = await browser.newContext();
    const againPage = await again.newPage();
    await againPage.goto(new URL(href).pathname);
    // Next's route announcer is also an alert; the page's own message is in main.
    await expect(againPage.getByRole("main").getByRole("alert")).toContainText("already been used");
    await expect(againPage.getByRole("button")).toHaveCount(0);
    await again.close();

    await adminPage.goto("/invites");
    await adminPage.getByRole("button", { name: /^Accepted/ }).click();
    await expect(adminPage.getByTestId("invite-row").filter({ hasText: email })).toContainText("Accepted");
  } finally {
    await Promise.all([admin.close(), owner.close(), invitee.close()]);
  }
});

test("a customer downloads their data and unsubscribes; the Subscribed count drops by one", async ({ browser }) => {
  const customer = await browser.newContext();
  const admin = await browser.newContext();
  try {
    const page = await customer.newPage();
    await login(page, "customer");
    const newsletter = page.getByRole("switch", { name: /Newsletter/ });
    await expect(newsletter).toBeEnabled();
    if (!(await newsletter.isChecked())) {
      await expect(async () => {
        await newsletter.check();
        await expect(page.getByText("Saved.")).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
    }

    const adminPage = await admin.newPage();
    await login(adminPage, "admin");
    const before = await subscribedCount(adminPage);

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download my data" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await file.path())!, "utf8"));
    expect(data.profile.email).toBe(DEMO.customer.email);
    expect(Array.isArray(data.consents)).toBe(true);

    await page.reload();
    // A click before hydration does nothing; click until the change is saved.
    await expect(async () => {
      await page.getByRole("switch", { name: /Newsletter/ }).uncheck({ timeout: 2_000 });
      await expect(page.getByText("Saved.")).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole("switch", { name: /Newsletter/ })).not.toBeChecked();

    expect(await subscribedCount(adminPage)).toBe(before - 1);
  } finally {
    await Promise.all([customer.close(), admin.close()]);
  }
});
