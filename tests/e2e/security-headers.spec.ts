import { expect, test, type Page } from "@playwright/test";
import { fillLogin, login } from "./helpers";

/** CSP violations reach the page as events and the console; both are collected. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("__reportCsp", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return violations;
}

test("pages carry a nonce CSP and the other security headers", async ({ request }) => {
  const res = await request.get("/login");
  expect(res.status()).toBe(200);
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).not.toContain("'unsafe-eval'"); // production build
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["x-powered-by"]).toBeUndefined();

  // Next put this response's nonce on its scripts, and no script goes without it.
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // A fresh nonce for every response.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("login, dashboard and users list hydrate and work under the CSP with no violations", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await login(page, "admin");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  // Hydrated: the client-side list has loaded rows through tRPC.
  await expect(page.locator('main a[href^="/users/"]:not([href="/users/new"]):not([href^="/users/import"])').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("after repeated failures the login page shows the lockout message", async ({ page }) => {
  const email = `locked-out-${Date.now()}@demo.test`;
  for (let i = 0; i < 5; i++) {
    await fillLogin(page, email, `wrong-${i}`);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
  await fillLogin(page, email, "wrong-again");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Too many sign-in attempts. Wait a few minutes and try again.");
});

test("Next refuses a server action posted with another site's Origin", async ({ request, baseURL }) => {
  // The login form's action id, as the page hands it to the browser.
  const html = await (await request.get("/login")).text();
  const id = /&quot;id&quot;:&quot;([0-9a-f]{20,})&quot;/.exec(html)?.[1];
  expect(id, "server action id on /login").toBeTruthy();
  const call = (origin: string) =>
    request.post("/login", {
      headers: { origin, "next-action": String(id), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: '[{"error":null,"email":""},"$K1"]',
      maxRedirects: 0,
    });

  // Same origin: the action runs (and answers that the form was empty).
  const same = await call(new URL(String(baseURL)).origin);
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain("Enter your email and password.");

  const foreign = await call("https://evil.example");
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  const body = await foreign.text();
  expect(body).not.toContain("Enter your email and password.");
  expect(foreign.headers()["set-cookie"]).toBeUndefined();
});
