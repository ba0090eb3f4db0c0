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
