import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { enqueueEmail, recordTimelineEmail } from "@/server/email/outbox";
import { MERGE_FIELDS, mergeText, mergeValuesFor, renderLayout, unknownMergeFields } from "@/server/email/templates";
import type { MessageInput, MessagePreview } from "@/server/schemas/email";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";

type UserRow = typeof users.$inferSelect;

async function recipient(ctx: ServiceContext, userId: number): Promise<UserRow> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError("No user with that id.");
  if (user.anonymisedAt) throw new ValidationError("userId", "this user was anonymised and has no email address");
  return user;
}

function assertKnownFields(input: MessageInput): void {
  for (const field of ["subject", "body"] as const) {
    const unknown = unknownMergeFields(input[field]);
    if (unknown.length) {
      throw new ValidationError(
        field,
        `unknown merge field ${unknown.map((u) => `{{${u}}}`).join(", ")}; use ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ")}`,
      );
    }
  }
}

async function render(ctx: ServiceContext, user: UserRow, input: MessageInput): Promise<MessagePreview> {
  assertKnownFields(input);
  const values = mergeValuesFor(user);
  const settings = await getSettings(ctx.db);
  const body = mergeText(input.body, values);
  const rendered = renderLayout({
    subject: mergeText(input.subject, values),
    paragraphs: body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    senderName: settings.emailFromName,
  });
  return { to: user.email, ...rendered };
}

/** The message exactly as this user would receive it, merge fields filled in. */
export async function previewMessage({ ctx, input }: { ctx: ServiceContext; input: MessageInput }): Promise<MessagePreview> {
  return render(ctx, await recipient(ctx, input.userId), input);
}

/** U9: queues the email and logs it on the user's timeline; the entry follows its delivery state. */
export async function sendMessage({ ctx, input }: { ctx: ActorContext; input: MessageInput }) {
  return withTransaction(ctx, async (tx) => {
    const user = await recipient(tx, input.userId);
    const email = await render(tx, user, input);
    const timelineEventId = await recordTimelineEmail(tx, {
      userId: user.id,
      summary: `Email: ${email.subject}`,
      data: { subject: email.subject, body: input.body },
    });
    const { id } = await enqueueEmail(tx, {
      to: user.email,
      userId: user.id,
      kind: "message",
      subject: email.subject,
      html: email.html,
      text: email.text,
      timelineEventId,
    });
    await recordAudit(tx, { action: "email.message_sent", targetType: "user", targetId: user.id, after: { outboxId: id, subject: email.subject } });
    return { outboxId: id, timelineEventId };
  });
}
