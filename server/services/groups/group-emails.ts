import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { groupEmailGroups, groupEmailRecipients, groupEmails } from "@/db/schema";
import { queryRows } from "@/db/client";
import { enqueueEmail, recordTimelineEmail } from "@/server/email/outbox";
import { mergeText, mergeValuesFor, renderLayout, unknownMergeFields } from "@/server/email/templates";
import {
  GROUP_EMAIL_FIELDS,
  type GroupEmailDetail,
  GroupEmailDraft as GroupEmailDraftSchema,
  type GroupEmailPreview,
  type GroupEmailPreviewInput,
  type GroupEmailSendInput,
  type GroupEmailSummary,
} from "@/server/schemas/groups";
import type { SiteSettings } from "@/server/schemas/settings";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";

/** Sending renders and queues each copy inside one transaction; beyond this, split the audience. */
export const MAX_GROUP_EMAIL_RECIPIENTS = 10_000;

type Draft = z.output<typeof GroupEmailDraftSchema>;

interface AudienceRow {
  userId: number;
  groupName: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string | null;
  skip: string | null;
}

/** Everyone in any of the groups, once, with the reason they would not get it (null = they will). */
function audience(groupIds: number[], settings: Pick<SiteSettings, "doubleOptIn">, extra: SQL = sql``): SQL {
  const unconfirmed = settings.doubleOptIn ? sql`WHEN u.subscription_confirmed_at IS NULL THEN 'subscription not confirmed (double opt-in)'` : sql``;
  return sql`WITH m AS (
      SELECT DISTINCT ON (gm.user_id) gm.user_id, g.name AS group_name
      FROM group_members gm JOIN groups g ON g.id = gm.group_id
      WHERE gm.group_id IN (${sql.join(groupIds.map((id) => sql`${id}::int`), sql`, `)})
      ORDER BY gm.user_id, lower(g.name)
    )
    SELECT m.user_id AS "userId", m.group_name AS "groupName", u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.company,
      CASE WHEN u.anonymised_at IS NOT NULL THEN 'anonymised'
           WHEN NOT u.subscribed THEN 'not subscribed'
           ${unconfirmed}
           ELSE NULL END AS skip
    FROM m JOIN users u ON u.id = m.user_id ${extra}`;
}

function assertFields(draft: Pick<Draft, "subject" | "body">) {
  for (const field of ["subject", "body"] as const) {
    const unknown = unknownMergeFields(draft[field], GROUP_EMAIL_FIELDS);
    if (unknown.length) {
      throw new ValidationError(field, `unknown merge field ${unknown.map((u) => `{{${u}}}`).join(", ")}; use ${GROUP_EMAIL_FIELDS.map((f) => `{{${f}}}`).join(", ")}`);
    }
  }
}

async function assertGroups(ctx: ServiceContext, ids: number[]): Promise<string[]> {
  const rows = await queryRows<{ id: number; name: string }>(
    ctx.db,
    sql`SELECT id, name FROM groups WHERE id IN (${sql.join(ids.map((id) => sql`${id}::int`), sql`, `)}) ORDER BY lower(name)`,
  );
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw new ValidationError("groupIds", `group ${missing} does not exist`);
  return rows.map((r) => r.name);
}

function render(row: AudienceRow, draft: Pick<Draft, "subject" | "body">, senderName: string) {
  const values = { ...mergeValuesFor(row), groupName: row.groupName };
  const body = mergeText(draft.body, values);
  return renderLayout({
    subject: mergeText(draft.subject, values),
    paragraphs: body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    footer: `You receive this as a member of ${row.groupName} and a newsletter subscriber.`,
    senderName,
  });
}

export async function previewGroupEmail({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof GroupEmailPreviewInput> }): Promise<GroupEmailPreview> {
  assertFields(input);
  await assertGroups(ctx, input.groupIds);
  const settings = await getSettings(ctx.db);
  const counts = await queryRows<{ skip: string | null; n: number }>(
    ctx.db,
    sql`SELECT skip, count(*)::bigint AS n FROM (${audience(input.groupIds, settings)}) a GROUP BY skip ORDER BY skip NULLS FIRST`,
  );
  const recipients = Number(counts.find((c) => c.skip === null)?.n ?? 0);
  const skipped = counts.filter((c) => c.skip !== null).map((c) => ({ reason: c.skip as string, count: Number(c.n) }));
  const pick = input.previewUserId
    ? sql`WHERE u.id = ${input.previewUserId}`
    : sql`WHERE u.anonymised_at IS NULL ORDER BY (CASE WHEN u.subscribed THEN 0 ELSE 1 END), u.id LIMIT 1`;
  const [row] = await queryRows<AudienceRow>(ctx.db, audience(input.groupIds, settings, pick));
  if (input.previewUserId && !row) throw new ValidationError("previewUserId", "is not a member of the chosen groups");
  if (row && row.skip === "anonymised") throw new ValidationError("previewUserId", "this member was anonymised and has no email address");
  const sample = row ? { userId: Number(row.userId), to: row.email, ...render(row, input, settings.emailFromName) } : null;
  return { recipients, skipped, sample };
}

/** G4: queues one copy per subscribed member, logs each on their timeline, all or nothing. */
export async function sendGroupEmail({ ctx, input }: { ctx: ActorContext; input: z.output<typeof GroupEmailSendInput> }) {
  assertFields(input);
  return withTransaction(ctx, async (tx) => {
    const names = await assertGroups(tx, input.groupIds);
    const settings = await getSettings(tx.db);
    const rows = await queryRows<AudienceRow>(tx.db, audience(input.groupIds, settings, sql`WHERE true ORDER BY u.id`));
    const recipients = rows.filter((r) => r.skip === null);
    if (recipients.length !== input.expectedRecipients) {
      throw new ConflictError(`The recipients changed since the preview: ${recipients.length} would get it now, not ${input.expectedRecipients}. Nothing was sent; preview again.`);
    }
    if (recipients.length === 0) throw new ValidationError("groupIds", "no subscribed members to send to");
    if (recipients.length > MAX_GROUP_EMAIL_RECIPIENTS) {
      throw new ValidationError("groupIds", `reaches ${recipients.length.toLocaleString("en-GB")} people; send to at most ${MAX_GROUP_EMAIL_RECIPIENTS.toLocaleString("en-GB")} at a time`);
    }
    const [campaign] = await tx.db
      .insert(groupEmails)
      .values({ subject: input.subject, body: input.body, groupNames: names, recipientCount: recipients.length, skippedCount: rows.length - recipients.length, createdBy: ctx.actor.id })
      .returning();
    if (!campaign) throw new Error("insert returned nothing");
    await tx.db.insert(groupEmailGroups).values(input.groupIds.map((groupId) => ({ groupEmailId: campaign.id, groupId })));
    const links: (typeof groupEmailRecipients.$inferInsert)[] = [];
    for (const r of recipients) {
      const email = render(r, input, settings.emailFromName);
      const timelineEventId = await recordTimelineEmail(tx, {
        userId: Number(r.userId),
        summary: `Group email (${r.groupName}): ${email.subject}`,
        data: { subject: email.subject, groupEmailId: campaign.id },
      });
      const { id } = await enqueueEmail(tx, { to: r.email, userId: Number(r.userId), kind: "group_email", ...email, timelineEventId });
      links.push({ groupEmailId: campaign.id, userId: Number(r.userId), outboxId: id, timelineEventId });
    }
    for (let i = 0; i < links.length; i += 5000) await tx.db.insert(groupEmailRecipients).values(links.slice(i, i + 5000));
    await recordAudit(tx, { action: "group.email.send", targetType: "group_email", targetId: campaign.id, after: { groups: names, subject: input.subject, recipients: recipients.length } });
    return { id: campaign.id, recipients: recipients.length };
  });
}

const DELIVERY = sql`jsonb_build_object(
  'queued', count(*) FILTER (WHERE o.status = 'queued'), 'sending', count(*) FILTER (WHERE o.status = 'sending'),
  'sent', count(*) FILTER (WHERE o.status = 'sent'), 'failed', count(*) FILTER (WHERE o.status = 'failed'))`;

type SummaryRow = Omit<GroupEmailSummary, "createdAt"> & { createdAt: Date | string };
const toSummary = (r: SummaryRow): GroupEmailSummary => ({
  ...r,
  createdAt: new Date(r.createdAt),
  delivery: Object.fromEntries(Object.entries(r.delivery).map(([k, v]) => [k, Number(v)])) as GroupEmailSummary["delivery"],
});

export async function listGroupEmails({ ctx, input }: { ctx: ServiceContext; input: { groupId?: number } }): Promise<GroupEmailSummary[]> {
  const where = input.groupId ? sql`WHERE EXISTS (SELECT 1 FROM group_email_groups eg WHERE eg.group_email_id = e.id AND eg.group_id = ${input.groupId})` : sql``;
  const rows = await queryRows<SummaryRow>(
    ctx.db,
    sql`SELECT e.id, e.subject, e.group_names AS "groupNames", e.recipient_count AS "recipientCount", e.skipped_count AS "skippedCount", e.created_at AS "createdAt",
        (SELECT ${DELIVERY} FROM group_email_recipients r LEFT JOIN email_outbox o ON o.id = r.outbox_id WHERE r.group_email_id = e.id) AS delivery
      FROM group_emails e ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT 50`,
  );
  return rows.map(toSummary);
}

export async function getGroupEmail({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<GroupEmailDetail> {
  const [row] = await queryRows<SummaryRow & { body: string }>(
    ctx.db,
    sql`SELECT e.id, e.subject, e.body, e.group_names AS "groupNames", e.recipient_count AS "recipientCount", e.skipped_count AS "skippedCount", e.created_at AS "createdAt",
        (SELECT ${DELIVERY} FROM group_email_recipients r LEFT JOIN email_outbox o ON o.id = r.outbox_id WHERE r.group_email_id = e.id) AS delivery
      FROM group_emails e WHERE e.id = ${input.id}`,
  );
  if (!row) throw new NotFoundError("No group email with that id.");
  const recipients = await queryRows<{ userId: number; email: string; name: string; status: string | null; lastError: string | null }>(
    ctx.db,
    sql`SELECT r.user_id AS "userId", u.email, trim(u.first_name || ' ' || u.last_name) AS name, o.status::text AS status, o.last_error AS "lastError"
      FROM group_email_recipients r JOIN users u ON u.id = r.user_id LEFT JOIN email_outbox o ON o.id = r.outbox_id
      WHERE r.group_email_id = ${input.id}
      ORDER BY (o.status = 'failed') DESC NULLS LAST, r.user_id LIMIT 201`,
  );
  return {
    ...toSummary(row),
    body: row.body,
    recipients: recipients.slice(0, 200).map((r) => ({ ...r, userId: Number(r.userId), status: (r.status ?? "unknown") as GroupEmailDetail["recipients"][number]["status"] })),
    more: recipients.length > 200,
  };
}

