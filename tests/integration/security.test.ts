import { eq } from "drizzle-orm";
import { afterEach, describe, expect } from "vitest";
import { auditEvents, sessions } from "@/db/schema";
import type { Database } from "@/db/client";
import { POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { handlers } from "@/server/auth/config";
import { resetEnvCache } from "@/server/env";
import { contentSecurityPolicy, securityHeaders } from "@/server/security/headers";
import { test } from "../helpers/db";
import { createStaff, TEST_PASSWORD } from "../helpers/factories";

const saved = { NODE_ENV: process.env.NODE_ENV, AUTH_SECRET: process.env.AUTH_SECRET };
const globalForDb = globalThis as unknown as { __umDb?: Promise<unknown> };

afterEach(() => {
  (process.env as Record<string, string | undefined>).NODE_ENV = saved.NODE_ENV;
  process.env.AUTH_SECRET = saved.AUTH_SECRET;
  resetEnvCache();
  delete globalForDb.__umDb;
});

/** Signs in through next-auth's real route handlers (CSRF token, credentials callback) on `db`. */
async function signInThroughNextAuth(db: Database, email: string, nodeEnv: "production" | "development") {
  (process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;
  process.env.AUTH_SECRET = "test-secret-test-secret-0123456789";
  resetEnvCache();
  // The app's one database handle (server/db.ts) is this test's transaction.
  globalForDb.__umDb = Promise.resolve({ db, kind: "pglite", close: async () => {} });

  const base = "https://um.example.test";
  const csrfRes = await handlers.GET(new Request(`${base}/api/auth/csrf`) as never);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await handlers.POST(
    new Request(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "user-agent": "vitest" },
      body: new URLSearchParams({ csrfToken, email, password: TEST_PASSWORD, callbackUrl: `${base}/dashboard` }),
    }) as never,
  );
  return res.headers.getSetCookie().find((c) => /um\.session=/.test(c));
}

describe("session cookie", () => {
  test("in production it is __Secure-, HttpOnly, SameSite=Lax and Secure, and opens a session row", async ({ db }) => {
    const admin = await createStaff(db, "admin", { email: "cookie-prod@example.test" });
    const cookie = await signInThroughNextAuth(db, admin.email, "production");
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/^__Secure-um\.session=[^;]+;/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(await db.select().from(sessions).where(eq(sessions.userId, admin.id))).toHaveLength(1);
  });

  test("in development it is HttpOnly and SameSite=Lax but not Secure, so http://localhost works", async ({ db }) => {
    const admin = await createStaff(db, "admin", { email: "cookie-dev@example.test" });
    const cookie = await signInThroughNextAuth(db, admin.email, "development");
    expect(cookie).toMatch(/^um\.session=[^;]+;/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe("cross-site mutations", () => {
  const post = (headers: Record<string, string>) =>
    trpcPost(
      new Request("http://um.example.test/api/trpc/devices.revokeAll", {
        method: "POST",
        headers: { host: "um.example.test", "content-type": "application/json", ...headers },
        body: JSON.stringify({ json: { userId: 1 } }),
      }),
    );

  test("a POST from another site is refused with 403 before any procedure runs", async ({ db }) => {
    globalForDb.__umDb = Promise.resolve({ db, kind: "pglite", close: async () => {} });
    const cases: Array<Record<string, string>> = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "https://shop.um.example.test" },
      { origin: "https://evil.example" },
      { origin: "null" },
    ];
    for (const headers of cases) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ error: { message: "Cross-site request refused." } });
    }
    expect(await db.select().from(auditEvents)).toEqual([]);
  });
});

describe("security headers", () => {
  test("the CSP carries the nonce, blocks framing and plugins, and allows eval only outside production", () => {
    const prod = contentSecurityPolicy({ nonce: "abc123==", production: true });
    expect(prod).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(prod).not.toContain("unsafe-eval");
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'", "worker-src 'self'", "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'"]) {
      expect(prod).toContain(d);
    }
    expect(contentSecurityPolicy({ nonce: "n", production: false })).toContain("'strict-dynamic' 'unsafe-eval'");
  });

  test("HSTS is sent in production only; the rest always", () => {
    const prod = securityHeaders({ nonce: "n", production: true });
    const dev = securityHeaders({ nonce: "n", production: false });
    expect(prod["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(dev["Strict-Transport-Security"]).toBeUndefined();
    for (const h of [prod, dev]) {
      expect(h).toMatchObject({ "Referrer-Policy": "strict-origin-when-cross-origin", "X-Content-Type-Options": "nosniff" });
      expect(h["Permissions-Policy"]).toContain("camera=()");
    }
  });
});
