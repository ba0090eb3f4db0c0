import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { confirmationEmail } from "@/server/email/auth-emails";
import { enqueueEmail, recordTimelineEmail } from "@/server/email/outbox";
import { appUrl } from "@/server/env";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ServiceContext } from "../core/context";
import { NotFoundError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { consumeToken, issueToken } from "../auth/tokens";

export type ConfirmationPurpose = "email_confirm" | "subscription_confirm";

/**
 * Double opt-in (S4, C3): emails a confirmation link in the caller's transaction. The subscribers
 * and invites features call this; /confirm/[token] uses the link.
 */
export async function sendConfirmationEmail(ctx: ServiceContext, input: { userId: number; purpose: ConfirmationPurpose }): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, input.userId));
  if (!user || user.anonymisedAt) throw new NotFoundError("No user with that id.");
  const settings = await getSettings(ctx.db);
  const token = await issueToken(ctx, { userId: user.id, purpose: input.purpose });
  const email = confirmationEmail(user, `${appUrl()}/confirm/${token}`, { senderName: settings.emailFromName, purpose: input.purpose });
  const timelineEventId = await recordTimelineEmail(ctx, {
    userId: user.id,
    kind: input.purpose === "subscription_confirm" ? "consent" : "email",
    summary: input.purpose === "subscription_confirm" ? "Newsletter confirmation email sent" : "Email address confirmation sent",
    data: { subject: email.subject },
  });
  await enqueueEmail(ctx, { to: user.email, userId: user.id, kind: input.purpose, ...email, timelineEventId, sensitive: true });
}

/** Uses a confirmation link: confirms the address, and for a subscription the subscription too. */
export async function confirmEmailToken({ ctx, input }: { ctx: ServiceContext; input: { token: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { userId, email, purpose } = await consumeToken(tx, input.token, ["email_confirm", "subscription_confirm"]);
    const now = new Date();
    const [before] = await tx.db.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new NotFoundError("No user with that id.");
    const subscription = purpose === "subscription_confirm";
    await tx.db
      .update(users)
      .set({
        emailConfirmedAt: before.emailConfirmedAt ?? now,
        ...(subscription ? { subscribed: true, subscriptionConfirmedAt: now, subscriptionChangedAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    await recordTimeline(tx, {
      userId,
      kind: subscription ? "consent" : "email",
      summary: subscription ? "Confirmed newsletter subscription by email link" : "Confirmed email address by email link",
      data: subscription ? { source: "double opt-in link" } : {},
    });
    await recordAudit(tx, {
      action: subscription ? "user.subscription_confirmed" : "user.email_confirmed",
      targetType: "user",
      targetId: userId,
      before: { emailConfirmedAt: before.emailConfirmedAt, subscriptionConfirmedAt: before.subscriptionConfirmedAt },
      after: { emailConfirmedAt: before.emailConfirmedAt ?? now, ...(subscription ? { subscriptionConfirmedAt: now } : {}) },
    });
    return { purpose: purpose as ConfirmationPurpose, email };
  });
}
