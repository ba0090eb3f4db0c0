import { eq, sql } from "drizzle-orm";
import { inviteLinks, invites, users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import type { InviteLinkState } from "@/server/schemas/invites";
import { assertStrongPassword } from "../auth/passwords";
import { hashToken } from "../auth/tokens";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";

type LinkState = InviteLinkState["state"];

const REFUSALS: Record<Exclude<LinkState, "valid">, string> = {
  accepted: "This invitation has already been accepted. Sign in with the password you chose.",
  revoked: "This invitation was withdrawn by the store.",
  replaced: "This link was replaced by a newer invitation email. Use the link in the most recent one.",
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
  unknown: "This link is not valid. Check that you copied all of it.",
};

async function lookup(ctx: ServiceContext, token: string, forUpdate: boolean) {
  const q = ctx.db
    .select({
      linkId: inviteLinks.id,
      linkExpiresAt: inviteLinks.expiresAt,
      usedAt: inviteLinks.usedAt,
      replacedAt: inviteLinks.replacedAt,
      invite: invites,
      user: { id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, anonymisedAt: users.anonymisedAt },
      invitedBy: sql<string | null>`(SELECT coalesce(nullif(trim(a.first_name || ' ' || a.last_name), ''), a.email) FROM users a WHERE a.id = ${invites.invitedById})`,
    })
    .from(inviteLinks)
    .innerJoin(invites, eq(invites.id, inviteLinks.inviteId))
    .innerJoin(users, eq(users.id, invites.userId))
    .where(eq(inviteLinks.tokenHash, hashToken(token)))
    .limit(1);
  const [row] = forUpdate ? await q.for("update", { of: [inviteLinks, invites] }) : await q;
  if (!row || row.user.anonymisedAt) return { state: "unknown" as const, row: null };
  const state: LinkState =
    row.invite.status === "accepted" || row.usedAt
      ? "accepted"
      : row.invite.status === "revoked"
        ? "revoked"
        : row.replacedAt
          ? "replaced"
          : row.linkExpiresAt.getTime() <= Date.now()
            ? "expired"
            : "valid";
  return { state, row };
}

/** I2: what the invitee's page shows. A dead link reveals nothing beyond why it is dead. */
export async function checkInviteLink({ ctx, input }: { ctx: ServiceContext; input: { token: string } }): Promise<InviteLinkState> {
  const { state, row } = await lookup(ctx, input.token, false);
  if (state !== "valid" || !row) return { state, email: null, firstName: null, invitedBy: null, message: null, expiresAt: null };
  return {
    state,
    email: row.user.email,
    firstName: row.user.firstName || null,
    invitedBy: row.invitedBy,
    message: row.invite.message,
    expiresAt: row.linkExpiresAt,
  };
}

/**
 * I2: sets the invitee's own password, confirms the address (the link proved the inbox) and makes
 * the account active. The caller then signs in through next-auth with the same credentials.
 */
export async function acceptInvite({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { token: string; password: string; firstName?: string; lastName?: string };
}): Promise<{ userId: number; email: string }> {
  return withTransaction(ctx, async (tx) => {
    const { state, row } = await lookup(tx, input.token, true);
    if (state === "unknown" || !row) throw new NotFoundError(REFUSALS.unknown);
    if (state !== "valid") throw new ValidationError("token", REFUSALS[state]);
    const firstName = input.firstName || row.user.firstName;
    const lastName = input.lastName || row.user.lastName;
    await assertStrongPassword("password", input.password, { email: row.user.email, firstName, lastName });
    const now = new Date();
    await tx.db
      .update(users)
      .set({
        passwordHash: await hashPassword(input.password),
        passwordChangedAt: now,
        mustChangePassword: false,
        emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())`,
        inviteState: "accepted",
        firstName,
        lastName,
        lastActiveAt: now,
        updatedAt: now,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, row.user.id));
    await tx.db.update(inviteLinks).set({ usedAt: now }).where(eq(inviteLinks.id, row.linkId));
    await tx.db.update(invites).set({ status: "accepted", acceptedAt: now }).where(eq(invites.id, row.invite.id));
    await recordTimeline(tx, { userId: row.user.id, kind: "invite", summary: "Accepted the invite and set a password; email address confirmed", data: { inviteId: row.invite.id } });
    await recordAudit(
      { ...tx, actor: { id: row.user.id, email: row.user.email, name: `${firstName} ${lastName}`.trim() || row.user.email, role: "customer", sessionId: null } },
      { action: "invite.accept", targetType: "user", targetId: row.user.id, after: { inviteId: row.invite.id } },
    );
    return { userId: row.user.id, email: row.user.email };
  });
}
