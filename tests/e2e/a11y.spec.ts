import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";
import { ANONYMOUS_PAGES, CUSTOMER_PAGES, findIds, OWNER_PAGES, resolvePath, visit, type Ids, type PageCase } from "./a11y-pages";

/** Serious and critical axe violations on a page, as readable lines (empty when clean). */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    // Next's development overlay is not part of the app.
    .exclude("nextjs-portal")
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(0, 2).join(" ")}`));
}

async function sweep(page: Page, cases: PageCase[], ids: Ids | null) {
  const found: Record<string, string[]> = {};
  for (const c of cases) {
    await test.step(c.name, async () => {
      await visit(page, resolvePath(c.path, ids));
      await c.open?.(page);
      const problems = await axeProblems(page);
      if (problems.length) found[c.name] = problems;
    });
  }
  expect(found).toEqual({});
}

test.describe("accessibility: no serious or critical axe violations", () => {
  test("signed-out pages", async ({ page }) => {
    await sweep(page, ANONYMOUS_PAGES, null);
  });

  test("customer area", async ({ page }) => {
    await login(page, "customer");
    await sweep(page, CUSTOMER_PAGES, null);
  });

  test("every admin page, as the owner", async ({ page }) => {
    test.setTimeout(600_000);
    await login(page, "owner");
    const ids = await findIds(page);
    await sweep(page, OWNER_PAGES, ids);
  });
});

/** Presses Tab (up to `max` times) until `target` has the focus. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test.describe("keyboard only", () => {
  test("search, open a user, edit a field and save, without the mouse", async ({ page }) => {
    test.setTimeout(180_000);
    const tag = `kb${Date.now().toString(36)}`;
    await login(page, "admin");
    // Set-up (not part of the journey): a user of our own to find and edit.
    await page.goto("/users/new");
    await page.getByRole("textbox", { name: "Email", exact: true }).fill(`${tag}@example.test`);
    await page.getByLabel("First name").fill("Kay");
    await page.getByLabel("Last name").fill("Board");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page).toHaveURL(/\/users\/\d+/);

    // The journey, by keyboard alone.
    await visit(page, "/users");
    const search = page.getByRole("searchbox");
    await tabTo(page, search);
    await page.keyboard.type(tag);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    const link = page.getByRole("link", { name: /Kay Board/ }).first();
    await expect(link).toBeVisible();
    await tabTo(page, link);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Kay Board" })).toBeVisible();

    const edit = page.getByRole("button", { name: "Edit details" });
    const phone = page.getByLabel("Phone");
    await expect(async () => {
      await tabTo(page, edit);
      await page.keyboard.press("Enter");
      await expect(phone).toBeEditable({ timeout: 1_500 });
    }).toPass({ timeout: 20_000 });
    const save = page.getByRole("button", { name: "Save changes" });
    await expect(async () => {
      await tabTo(page, phone);
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("+44 20 7946 0999");
      await expect(save).toBeEnabled({ timeout: 1_500 });
    }).toPass({ timeout: 20_000 });
    await tabTo(page, save);
    await page.keyboard.press("Space");
    await expect(page.getByText("+44 20 7946 0999")).toBeVisible();
    await expect(save).toBeHidden();
  });
});
