import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { inviteLinks, invites, users } from "@/db/schema";
import { inviteEmail } from "@/server/email/invite-emails";
import { enqueueEmail, recordTimelineEmail } from "@/server/email/outbox";
import { appUrl } from "@/server/env";
import { hashToken } from "../auth/tokens";
import type { ActorContext } from "../core/context";
import { getSettings } from "../settings/settings";

type InviteRow = typeof invites.$inferSelect;

export const DAY_MS = 86_400_000;

/**
 * Kills any live link of the invite, stores the hash of a fresh one, and queues the email in the
 * caller's transaction: the email exists if and only if the invite (or resend) commits.
 */
export async function sendInviteLink(ctx: ActorContext, invite: InviteRow, summary: string): Promise<{ expiresAt: Date }> {
  const settings = await getSettings(ctx.db);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + settings.inviteExpiryDays * DAY_MS);
  await ctx.db
    .update(inviteLinks)
    .set({ replacedAt: now })
    .where(and(eq(inviteLinks.inviteId, invite.id), isNull(inviteLinks.usedAt), isNull(inviteLinks.replacedAt)));
  const token = randomBytes(32).toString("base64url");
  await ctx.db.insert(inviteLinks).values({ inviteId: invite.id, tokenHash: hashToken(token), expiresAt });
  await ctx.db.update(invites).set({ expiresAt, sentAt: now }).where(eq(invites.id, invite.id));

  const [user] = await ctx.db.select({ firstName: users.firstName }).from(users).where(eq(users.id, invite.userId));
  const email = inviteEmail({
    firstName: user?.firstName ?? "",
    inviterName: ctx.actor.name,
    message: invite.message,
    url: `${appUrl()}/invite/${token}`,
    expiresInDays: settings.inviteExpiryDays,
    senderName: settings.emailFromName,
  });
  const timelineEventId = await recordTimelineEmail(ctx, {
    userId: invite.userId,
    kind: "invite",
    summary,
    data: { inviteId: invite.id, subject: email.subject, expiresAt: expiresAt.toISOString() },
  });
  await enqueueEmail(ctx, { to: invite.email, userId: invite.userId, kind: "invite", ...email, timelineEventId, sensitive: true });
  return { expiresAt };
}
