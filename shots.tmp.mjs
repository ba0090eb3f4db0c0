import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-dev-shm-usage","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const base = "http://localhost:3100";
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.goto(base + "/login");
await page.getByLabel("Email").fill("admin@demo.test");
await page.getByLabel("Password").fill("demo-password-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL("**/dashboard", { timeout: 60000 });
for (const [name, path] of [["users", "/users"], ["record", "/users/20"], ["timeline", "/users/20?tab=timeline"]]) {
  await page.goto(base + path); await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/s-${name}.png` });
}
const m = await browser.newContext({ viewport: { width: 390, height: 844 } });
await m.addCookies(await ctx.cookies());
const mp = await m.newPage();
await mp.goto(base + "/users"); await mp.waitForTimeout(2500);
await mp.screenshot({ path: `/tmp/m-users.png`, fullPage: false });
await mp.goto(base + "/users/20"); await mp.waitForTimeout(2500);
await mp.screenshot({ path: `/tmp/m-record.png`, fullPage: false });
await browser.close();
