import { randomUUID } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { emailOutbox } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import { getSettings } from "@/server/services/settings/settings";
import { setTimelineDelivery } from "./outbox";

/** A nodemailer transporter (SMTP), or "mailbox": keep the message for /dev/mailbox instead. */
export type DeliveryTransport = Pick<Transporter, "sendMail"> | "mailbox";

export const MAX_ATTEMPTS = 8;
/** Longer than any SMTP exchange may take (see the timeouts in ./transport.ts), so a live send never loses its claim. */
export const LEASE_MS = 5 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
const ERASED_BODY = "(Removed after delivery: this message held a one-time link.)";

export interface DrainOptions {
  db: Database;
  transport: DeliveryTransport;
  /** How many messages one pass claims. */
  batchSize?: number;
  /** The clock; tests move it forward to make retries due. Defaults to the database's clock. */
  now?: Date;
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

interface ClaimedRow {
  id: number;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
  claim_token: string;
  sensitive: boolean;
  timeline_event_id: number | null;
}

/** Seconds before attempt n+1, doubling from 30 s up to an hour, with ±20 % jitter so workers spread out. */
export function retryDelayMs(attempt: number, random = Math.random()): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random));
}

function clock(now: Date | undefined): SQL {
  // clock_timestamp(), not now(): a long transaction must not see every lease as still running.
  return now ? sql`${now.toISOString()}::timestamptz` : sql`clock_timestamp()`;
}

/**
 * Claims due messages: SKIP LOCKED lets several processes drain at once without waiting on or
 * taking each other's rows; the claim (status `sending`, a lease in `next_attempt_at`, a fresh
 * claim token) commits before anything is sent, so a crashed worker's rows come back after the lease.
 */
async function claim(db: Database, batchSize: number, now: Date | undefined): Promise<ClaimedRow[]> {
  const at = clock(now);
  return queryRows<ClaimedRow>(
    db,
    sql`UPDATE email_outbox o
        SET status = 'sending',
            attempts = o.attempts + 1,
            claim_token = ${randomUUID()} || '-' || o.id,
            next_attempt_at = ${at} + ${`${LEASE_MS} milliseconds`}::interval,
            updated_at = ${at}
        WHERE o.id IN (
          SELECT id FROM email_outbox
          WHERE status IN ('queued', 'sending') AND next_attempt_at <= ${at}
          ORDER BY next_attempt_at, id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING o.id, o.to_address, o.subject, o.html, o.text, o.attempts, o.claim_token, o.sensitive, o.timeline_event_id`,
  );
}

function describeError(err: unknown): { message: string; permanent: boolean } {
  const e = err as { message?: string; responseCode?: number; response?: string; code?: string };
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  const text = (e.response ?? e.message ?? String(err)).replace(/\s+/g, " ").trim();
  // 5xx replies (unknown mailbox, rejected content) will not change by retrying; 4xx and network errors may.
  return { message: (code ? `${code} ${text}` : `${e.code ? `${e.code}: ` : ""}${text}`).slice(0, 500), permanent: code !== null && code >= 500 };
}

async function markSent(db: Database, row: ClaimedRow, via: string, messageId: string | null, now: Date | undefined) {
  const at = clock(now);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(emailOutbox)
      .set({
        status: "sent",
        sentAt: sql`${at}`,
        updatedAt: sql`${at}`,
        deliveredVia: via,
        providerMessageId: messageId,
        claimToken: null,
        // The mailbox page needs the body to show the link; a real inbox already has it.
        ...(row.sensitive && via === "smtp" ? { html: ERASED_BODY, text: ERASED_BODY } : {}),
      })
      .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.claimToken, row.claim_token)))
      .returning({ id: emailOutbox.id });
    if (done.length && row.timeline_event_id) {
      await setTimelineDelivery({ db: tx as unknown as Database }, row.timeline_event_id, {
        delivery: "sent",
        at: new Date().toISOString(),
        error: null,
      });
    }
  });
}

async function markFailedAttempt(db: Database, row: ClaimedRow, err: unknown, now: Date | undefined): Promise<"retrying" | "failed"> {
  const { message, permanent } = describeError(err);
  const final = permanent || row.attempts >= MAX_ATTEMPTS;
  const at = clock(now);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(emailOutbox)
      .set({
        status: final ? "failed" : "queued",
        lastError: message,
        claimToken: null,
        updatedAt: sql`${at}`,
        nextAttemptAt: final ? sql`${at}` : sql`${at} + ${`${retryDelayMs(row.attempts)} milliseconds`}::interval`,
      })
      .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.claimToken, row.claim_token)))
      .returning({ id: emailOutbox.id });
    if (done.length && final && row.timeline_event_id) {
      await setTimelineDelivery({ db: tx as unknown as Database }, row.timeline_event_id, { delivery: "failed", error: message });
    }
  });
  return final ? "failed" : "retrying";
}

async function send(
  transport: Pick<Transporter, "sendMail">,
  row: ClaimedRow,
  from: { name: string; address: string },
  domain: string,
): Promise<string | null> {
  const info = await transport.sendMail({
    from,
    to: row.to_address,
    subject: row.subject,
    html: row.html,
    text: row.text,
    // Stable per message, so a receiver can spot the rare duplicate after a crash.
    messageId: `<um-outbox-${row.id}@${domain}>`,
    headers: { "X-Outbox-Id": String(row.id) },
  });
  return typeof info.messageId === "string" ? info.messageId : null;
}

/**
 * One pass of the worker: claims what is due and sends it. Safe to run in several processes at
 * once; a message is handed to SMTP once unless a worker dies between the server's "250 OK" and
 * marking the row sent (then it is sent again after the lease: at-least-once, never lost).
 */
export async function drainOutbox(opts: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  const batchSize = opts.batchSize ?? 20;
  const settings = await getSettings(opts.db);
  const from = { name: settings.emailFromName, address: settings.emailFromAddress };
  const domain = settings.emailFromAddress.split("@")[1] ?? "localhost";
  for (;;) {
    const rows = await claim(opts.db, batchSize, opts.now);
    if (rows.length === 0) return result;
    for (const row of rows) {
      let messageId: string | null;
      try {
        messageId = opts.transport === "mailbox" ? `<um-outbox-${row.id}@mailbox.local>` : await send(opts.transport, row, from, domain);
      } catch (err) {
        result[await markFailedAttempt(opts.db, row, err, opts.now)] += 1;
        continue;
      }
      // Outside the try: if recording fails the row keeps its lease and is retried later, never lost.
      await markSent(opts.db, row, opts.transport === "mailbox" ? "mailbox" : "smtp", messageId, opts.now);
      result.sent += 1;
    }
    if (rows.length < batchSize) return result;
  }
}
