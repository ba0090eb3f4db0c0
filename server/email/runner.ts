import "server-only";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { transportFromEnv } from "./transport";
import { drainOutbox } from "./worker";

const state = globalThis as unknown as { __umEmailWorker?: { stop: () => void } };

/**
 * Polls the outbox from inside the app process. Several processes may each run one: claims use
 * SKIP LOCKED, so they share the work instead of repeating it.
 */
export function startEmailWorker(): void {
  if (state.__umEmailWorker) return; // dev hot reloads call register() again
  const env = getEnv();
  const transport = transportFromEnv(env);
  if (!transport) {
    console.warn("[email] SMTP_URL is not set and the dev mailbox is off: email stays queued in the outbox.");
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const result = await drainOutbox({ db: await getDb(), transport });
      if (result.sent + result.retrying + result.failed > 0) {
        console.info(`[email] sent ${result.sent}, retrying ${result.retrying}, failed ${result.failed}`);
      }
    } catch (err) {
      console.error("[email] outbox pass failed; will try again", err);
    } finally {
      if (!stopped) timer = setTimeout(tick, env.EMAIL_WORKER_INTERVAL_MS);
    }
  };
  timer = setTimeout(tick, Math.min(env.EMAIL_WORKER_INTERVAL_MS, 1000));
  state.__umEmailWorker = {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
  console.info(`[email] worker started (${transport === "mailbox" ? "development mailbox at /dev/mailbox" : "SMTP"})`);
}
