import { eq, sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { subscriberImports } from "@/db/schema";
import { confirmationEmail } from "@/server/email/auth-emails";
import { appUrl } from "@/server/env";
import type { ImportResult } from "@/server/schemas/subscribers";
import { TOKEN_TTL_MS } from "../auth/tokens";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext } from "../core/context";
import { ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { loadImport } from "./imports";

/** HTML-escapes a SQL text expression the way escapeHtml does in JS. */
function htmlEscaped(expr: SQL): SQL {
  return sql`replace(replace(replace(replace(replace(${expr}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;
}

/**
 * S4, set-based: for every user in `up`, a confirmation link (32 random bytes from two v4 UUIDs,
 * stored as sha256 like issueToken does), a timeline entry, and an outbox message rendered from
 * one template with the token, address and greeting substituted in SQL. One statement, any size.
 */
function confirmationCtes(ctx: ActorContext, senderName: string): SQL {
  const template = confirmationEmail({ firstName: "%%FIRST%%", email: "%%EMAIL%%" }, `${appUrl()}/confirm/%%TOKEN%%`, {
    senderName,
    purpose: "subscription_confirm",
  });
  const greeting = sql`CASE WHEN t.first_name = '' THEN 'Hello,' ELSE 'Hello ' || t.first_name || ',' END`;
  const render = (body: string, escape: boolean) => {
    const esc = (e: SQL) => (escape ? htmlEscaped(e) : e);
    return sql`replace(replace(replace(${body}::text, 'Hello %%FIRST%%,', ${esc(greeting)}), '%%EMAIL%%', ${esc(sql`t.email`)}), '%%TOKEN%%', t.token)`;
  };
  const ttlSeconds = TOKEN_TTL_MS.subscription_confirm / 1000;
  return sql`,
    tok AS MATERIALIZED (
      SELECT id AS user_id, email, first_name,
        translate(rtrim(encode(decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '='), '+/', '-_') AS token
      FROM up
    ),
    tokens AS (
      INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at, created_by_id)
      SELECT user_id, 'subscription_confirm', encode(sha256(convert_to(token, 'UTF8')), 'hex'), now() + ${ttlSeconds} * interval '1 second', ${ctx.actor.id}::bigint
      FROM tok RETURNING 1
    ),
    mail_tl AS (
      INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
      SELECT user_id, 'consent', 'Newsletter confirmation email sent', ${JSON.stringify({ subject: template.subject, delivery: "queued" })}::jsonb, ${ctx.actor.id}::bigint
      FROM tok RETURNING id, user_id
    ),
    outbox AS (
      INSERT INTO email_outbox (kind, to_address, user_id, subject, html, text, sensitive, timeline_event_id, created_by_id)
      SELECT 'subscription_confirm', t.email, t.user_id, ${template.subject}, ${render(template.html, true)}, ${render(template.text, false)},
        true, m.id, ${ctx.actor.id}::bigint
      FROM tok t JOIN mail_tl m ON m.user_id = t.user_id
      RETURNING 1
    )`;
}

/**
 * S1/S3/S4: applies a checked list in one transaction and, per direction, one statement: the
 * upsert through UNIQUE (lower(email)), a consent row and a timeline entry per changed user, and
 * with double opt-in the confirmation emails. Addresses that changed since the preview are
 * handled by the upsert itself (a "new" address someone created meanwhile is simply updated).
 */
export async function applyImport({ ctx, input }: { ctx: ActorContext; input: { id: number } }): Promise<ImportResult> {
  return withTransaction(ctx, async (tx) => {
    const imp = await loadImport(tx, input.id, true);
    if (imp.status === "applied") throw new ValidationError("id", "this list was already applied");
    if (imp.status !== "checked") throw new ValidationError("id", "check the list first: nothing is written before the preview");
    const settings = await getSettings(tx.db);
    const actor = sql`${ctx.actor.id}::bigint`;
    const source = `pasted list #${imp.id} by ${ctx.actor.name}`;
    let result: ImportResult;
    if (imp.action === "subscribe") {
      const doubleOptIn = settings.doubleOptIn;
      const [row] = await queryRows<{ created: number; updated: number; emailed: number }>(
        tx.db,
        sql`WITH src AS (
            SELECT email FROM subscriber_import_lines
            WHERE import_id = ${imp.id} AND outcome IN ('new', 'updated') ORDER BY email
          ),
          up AS (
            INSERT INTO users AS u (email, source, status, subscribed, subscription_confirmed_at, subscription_changed_at)
            SELECT email, 'subscriber', 'approved', true, ${doubleOptIn ? sql`NULL::timestamptz` : sql`now()`}, now() FROM src
            ON CONFLICT ((lower(email))) DO UPDATE SET
              subscribed = true,
              subscription_confirmed_at = ${doubleOptIn ? sql`NULL::timestamptz` : sql`now()`},
              subscription_changed_at = now(), version = u.version + 1, updated_at = now()
            WHERE NOT u.subscribed AND u.anonymised_at IS NULL
            RETURNING u.id, u.email, u.first_name, (u.xmax = 0) AS inserted
          ),
          consent AS (
            INSERT INTO consents (user_id, kind, granted, source, actor_id)
            SELECT id, 'newsletter', true, ${doubleOptIn ? `${source} (awaiting double opt-in)` : source}, ${actor} FROM up RETURNING 1
          ),
          tl AS (
            INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
            SELECT id, 'consent',
              CASE WHEN inserted THEN ${`Added as a newsletter subscriber by ${ctx.actor.name} (pasted list)`}
                   ELSE ${`Subscribed to the newsletter by ${ctx.actor.name} (pasted list)`} END,
              ${JSON.stringify({ importId: imp.id, change: "subscribed", doubleOptIn })}::jsonb, ${actor}
            FROM up RETURNING 1
          )${doubleOptIn ? confirmationCtes(tx, settings.emailFromName) : sql``}
          SELECT (SELECT count(*) FROM up WHERE inserted)::int AS created,
                 (SELECT count(*) FROM up WHERE NOT inserted)::int AS updated,
                 ${doubleOptIn ? sql`(SELECT count(*) FROM outbox)` : sql`0`}::int AS emailed,
                 (SELECT count(*) FROM consent) + (SELECT count(*) FROM tl)${doubleOptIn ? sql` + (SELECT count(*) FROM tokens)` : sql``} AS written`,
      );
      result = { created: Number(row?.created ?? 0), updated: Number(row?.updated ?? 0), confirmationsQueued: Number(row?.emailed ?? 0) };
    } else {
      const [row] = await queryRows<{ updated: number }>(
        tx.db,
        sql`WITH src AS (
            SELECT DISTINCT email FROM subscriber_import_lines WHERE import_id = ${imp.id} AND outcome = 'updated'
          ),
          up AS (
            UPDATE users u SET subscribed = false, subscription_confirmed_at = NULL, subscription_changed_at = now(),
              version = u.version + 1, updated_at = now()
            FROM src WHERE lower(u.email) = src.email AND u.subscribed
            RETURNING u.id
          ),
          consent AS (
            INSERT INTO consents (user_id, kind, granted, source, actor_id)
            SELECT id, 'newsletter', false, ${source}, ${actor} FROM up RETURNING 1
          ),
          tl AS (
            INSERT INTO timeline_events (user_id, kind, summary, data, actor_id)
            SELECT id, 'consent', ${`Unsubscribed from the newsletter by ${ctx.actor.name} (pasted list)`},
              ${JSON.stringify({ importId: imp.id, change: "unsubscribed" })}::jsonb, ${actor}
            FROM up RETURNING 1
          )
          SELECT (SELECT count(*) FROM up)::int AS updated, (SELECT count(*) FROM consent) + (SELECT count(*) FROM tl) AS written`,
      );
      result = { created: 0, updated: Number(row?.updated ?? 0), confirmationsQueued: 0 };
    }
    await tx.db
      .update(subscriberImports)
      .set({ status: "applied", appliedAt: new Date() })
      .where(eq(subscriberImports.id, imp.id));
    await recordAudit(tx, {
      action: `subscribers.${imp.action}`,
      targetType: "subscriber_import",
      targetId: imp.id,
      after: { lines: imp.lineCount, ...result },
    });
    return result;
  });
}
