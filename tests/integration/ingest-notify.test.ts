import webpush from "web-push";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from "vitest";
import type { Database } from "@/db/client";
import { setRestDatabase } from "@/server/api/rest";
import { resetEnvCache } from "@/server/env";
import { configurePushTransport } from "@/server/push/web-push";
import { POST as postOrder } from "@/app/api/v1/orders/route";
import { POST as postQuote } from "@/app/api/v1/quotes/route";
import { test } from "../helpers/db";
import { callerAs } from "../helpers/callers";
import { browserKeys, decryptPush, LocalPushService } from "../helpers/push-service";
import { nextExternalId, orderPayload } from "../helpers/sales";

const pushService = new LocalPushService();
const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@example.test" };

beforeAll(async () => {
  await pushService.start();
  configurePushTransport({ agent: pushService.agent, timeoutMs: 5_000 });
});
afterAll(async () => {
  configurePushTransport({});
  await pushService.stop();
});
beforeEach(() => {
  Object.assign(process.env, { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: vapid.subject });
  resetEnvCache();
  pushService.received.length = 0;
});
afterEach(() => {
  for (const v of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"]) delete process.env[v];
  resetEnvCache();
  setRestDatabase(null);
});

async function post(handler: (r: Request) => Promise<Response>, secret: string, body: unknown) {
  return handler(
    new Request("http://localhost/api/v1/x", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    }),
  );
}

async function until(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

describe("new orders and quotes notify staff (D3, P4)", () => {
  test("a new order pushes a 'new order' alert to subscribed staff; the same payload again does not", async ({ db }) => {
    setRestDatabase(db as Database);
    const { caller: owner } = await callerAs(db, "owner");
    const { secret } = await owner.apiKeys.create({ name: "Storefront" });
    const { caller: manager } = await callerAs(db, "manager");
    const keys = browserKeys();
    await manager.devices.push.subscribe({
      endpoint: pushService.endpoint("mgr"),
      keys: { p256dh: keys.p256dh, auth: keys.auth },
      alerts: ["new_order", "new_quote"],
    });

    const order = orderPayload({ email: "ada@example.test" });
    expect((await post(postOrder, secret, order)).status).toBe(201);
    await until(() => pushService.received.length >= 1);
    expect(pushService.received.map((r) => decryptPush(r.body, keys))).toEqual([
      { title: `New order ${order.externalId}`, body: "From Bea Buyer", url: "/users?q=ada%40example.test", tag: "new_order" },
    ]);

    expect((await post(postOrder, secret, order)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(pushService.received).toHaveLength(1);

    const quote = {
      externalId: nextExternalId("Q"),
      customer: { email: "ada@example.test" },
      quotedAt: "2026-03-10T10:00:00Z",
      lines: [{ sku: "SKU-A", name: "Widget A", quantity: 1, unitPriceCents: 500 }],
    };
    expect((await post(postQuote, secret, quote)).status).toBe(201);
    await until(() => pushService.received.length >= 2);
    expect(decryptPush(pushService.received[1]!.body, keys)).toMatchObject({ title: `New quote ${quote.externalId}`, tag: "new_quote" });
    // Let the delivery bookkeeping finish inside this test's transaction.
    await new Promise((r) => setTimeout(r, 500));
  });
});
