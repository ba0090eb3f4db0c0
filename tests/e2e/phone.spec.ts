import { expect, test, type Page } from "@playwright/test";
import { login, screenshot, VIEWPORTS } from "./helpers";
import { ANONYMOUS_PAGES, CUSTOMER_PAGES, findIds, OWNER_PAGES, resolvePath, visit, type Ids, type PageCase } from "./a11y-pages";

const PHONE = { width: 390, height: 844 };

/** Whether the page scrolls sideways, and if so which elements stick out (for the failure message). */
async function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return `scrollWidth ${document.documentElement.scrollWidth} > ${width}: ${culprits.join(", ")}`;
  });
}

/** Every open dialog lies inside the viewport. */
async function dialogsFit(page: Page): Promise<string | null> {
  const viewport = page.viewportSize()!;
  for (const dialog of await page.getByRole("dialog").all()) {
    if (!(await dialog.isVisible())) continue;
    const box = await dialog.boundingBox();
    if (!box) continue;
    if (box.x < -1 || box.y < -1 || box.x + box.width > viewport.width + 1 || box.y + box.height > viewport.height + 1) {
      return `dialog at ${JSON.stringify(box)} does not fit ${viewport.width}x${viewport.height}`;
    }
  }
  return null;
}

async function sweep(page: Page, cases: PageCase[], ids: Ids | null) {
  const viewport = page.viewportSize()!;
  const problems: Record<string, string> = {};
  for (const c of cases) {
    await test.step(c.name, async () => {
      await visit(page, resolvePath(c.path, ids));
      await c.open?.(page);
      await screenshot(page, c.name);
      if (viewport.width <= PHONE.width) {
        const overflow = await horizontalOverflow(page);
        if (overflow) problems[c.name] = overflow;
      }
      const misfit = await dialogsFit(page);
      if (misfit) problems[`${c.name} (dialog)`] = misfit;
    });
  }
  expect(problems).toEqual({});
}

for (const viewport of VIEWPORTS) {
  test.describe(`every page at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test("signed-out pages", async ({ page }) => {
      await sweep(page, ANONYMOUS_PAGES, null);
    });

    test("customer area", async ({ page }) => {
      await login(page, "customer");
      await sweep(page, CUSTOMER_PAGES, null);
    });

    test("admin pages, as the owner", async ({ page }) => {
      test.setTimeout(600_000);
      await login(page, "owner");
      const ids = await findIds(page);
      await sweep(page, OWNER_PAGES, ids);
    });

    test("the users list is a table on desktop and cards on a phone", async ({ page }) => {
      await login(page, "owner");
      await visit(page, "/users");
      const cards = page.getByRole("list", { name: "Users" });
      const table = page.getByRole("table");
      if (viewport.width <= PHONE.width) {
        await expect(cards).toBeVisible();
        await expect(table).toBeHidden();
      } else {
        await expect(table).toBeVisible();
        await expect(cards).toBeHidden();
      }
    });
  });
}
