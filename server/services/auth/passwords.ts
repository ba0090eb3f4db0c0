import { and, eq, gt, sql } from "drizzle-orm";
import { emailTokens, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { passwordResetEmail } from "@/server/email/auth-emails";
import { enqueueEmail, recordTimelineEmail } from "@/server/email/outbox";
import { appUrl } from "@/server/env";
import { checkPasswordStrength } from "@/server/schemas/password-strength";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { ForbiddenError, NotFoundError, ValidationError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { assertCanManage, assertNotSelf } from "../users/permissions";
import { revokeUserSessions } from "./sessions";
import { consumeToken, inspectToken, issueToken, revokeTokens, type TokenLookup } from "./tokens";

/** The same words whether or not the address has an account (P1: never reveal which addresses exist). */
export const FORGOT_PASSWORD_ANSWER =
  "If an account uses that address, we have emailed it a link to set a new password. The link works for 1 hour.";

/** Reset emails per account per hour from the public form: enough for a lost email, too few to flood an inbox. */
const MAX_PUBLIC_RESETS_PER_HOUR = 3;

type UserRow = typeof users.$inferSelect;

export async function assertStrongPassword(field: string, password: string, user: Pick<UserRow, "email" | "firstName" | "lastName">) {
  const strength = await checkPasswordStrength(password, [user.email, user.firstName, user.lastName]);
  if (!strength.ok) {
    const hint = strength.suggestions[0] ? ` ${strength.suggestions[0]}` : "";
    throw new ValidationError(field, `${strength.problem}.${hint}`);
  }
}

async function recentResets(db: Database, userId: number, sinceMs: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "password_reset"), gt(emailTokens.createdAt, new Date(Date.now() - sinceMs))));
  return Number(row?.n ?? 0);
}

/**
 * Issues a reset link and queues its email in the caller's transaction. `reason` picks the wording;
 * the timeline shows that a link was sent (never the link).
 */
export async function sendPasswordResetEmail(
  ctx: ServiceContext,
  user: Pick<UserRow, "id" | "email" | "firstName">,
  reason: "requested" | "admin" | "expired",
): Promise<void> {
  const settings = await getSettings(ctx.db);
  const token = await issueToken(ctx, { userId: user.id, purpose: "password_reset" });
  const email = passwordResetEmail(user, `${appUrl()}/reset-password/${token}`, { senderName: settings.emailFromName, reason });
  const summary = {
    requested: "Password reset link emailed (requested on the sign-in page)",
    admin: "Password reset link emailed by an administrator",
    expired: "Password expired: reset link emailed at sign-in",
  }[reason];
  const timelineEventId = await recordTimelineEmail(ctx, { userId: user.id, kind: "password", summary, data: { subject: email.subject } });
  await enqueueEmail(ctx, { to: user.email, userId: user.id, kind: "password_reset", ...email, timelineEventId, sensitive: true });
}

/** Forgot password (C3): the same answer for every address; an email only to real, usable accounts. */
export async function requestPasswordReset({ ctx, input }: { ctx: ServiceContext; input: { email: string } }) {
  await withTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
      .limit(1);
    // Only accounts that can hold a password: a subscriber record must not gain a login this way.
    if (!user || user.status !== "approved" || user.anonymisedAt || !user.passwordHash) return;
    if ((await recentResets(tx.db, user.id, 3_600_000)) >= MAX_PUBLIC_RESETS_PER_HOUR) return;
    await sendPasswordResetEmail(tx, user, "requested");
    await recordAudit(tx, { action: "user.password_reset_requested", targetType: "user", targetId: user.id });
  });
  return { message: FORGOT_PASSWORD_ANSWER };
}

export async function checkResetToken({ ctx, input }: { ctx: ServiceContext; input: { token: string } }) {
  const found: TokenLookup = await inspectToken(ctx, input.token, ["password_reset"]);
  return { state: found.state, email: found.state === "unknown" ? null : found.email };
}

async function writePassword(ctx: ServiceContext, userId: number, passwordHash: string, mustChange: boolean) {
  const now = new Date();
  await ctx.db
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: mustChange,
      // Setting a password is activity: without this an expired account would be refused again at once.
      lastActiveAt: now,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}

/** Uses a reset link: new password, link spent, every session ended, audited. */
export async function resetPassword({ ctx, input }: { ctx: ServiceContext; input: { token: string; password: string } }) {
  return withTransaction(ctx, async (tx) => {
    const found = await inspectToken(tx, input.token, ["password_reset"]);
    if (found.state === "valid") {
      const [user] = await tx.db.select().from(users).where(eq(users.id, found.userId));
      if (user) await assertStrongPassword("password", input.password, user);
    }
    const { userId } = await consumeToken(tx, input.token, ["password_reset"]);
    await writePassword(tx, userId, await hashPassword(input.password), false);
    // The link proved the person reads this inbox.
    await tx.db.update(users).set({ emailConfirmedAt: new Date() }).where(and(eq(users.id, userId), sql`${users.emailConfirmedAt} is null`));
    await revokeTokens(tx, userId, "password_reset");
    const endedSessions = await revokeUserSessions(tx, userId, "password reset");
    await recordTimeline(tx, { userId, kind: "password", summary: "Password reset with an emailed link", data: { endedSessions } });
    await recordAudit(tx, { action: "user.password_reset", targetType: "user", targetId: userId, after: { endedSessions } });
    return { endedSessions };
  });
}

/** Change own password (current + new); other sessions end, this one stays. */
export async function changePassword({ ctx, input }: { ctx: ActorContext; input: { currentPassword: string; newPassword: string } }) {
  return withTransaction(ctx, async (tx) => {
    const [user] = await tx.db.select().from(users).where(eq(users.id, ctx.actor.id)).for("update");
    if (!user) throw new NotFoundError("Your account no longer exists.");
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new ValidationError("currentPassword", "is not your current password");
    }
    if (input.newPassword === input.currentPassword) throw new ValidationError("newPassword", "must differ from the current password");
    await assertStrongPassword("newPassword", input.newPassword, user);
    await writePassword(tx, user.id, await hashPassword(input.newPassword), false);
    await revokeTokens(tx, user.id, "password_reset");
    const endedSessions = await revokeUserSessions(tx, user.id, "password changed", ctx.actor.sessionId ?? undefined);
    await recordTimeline(tx, { userId: user.id, kind: "password", summary: "Changed own password", data: { endedSessions } });
    await recordAudit(tx, { action: "user.password_change", targetType: "user", targetId: user.id, after: { endedSessions } });
    return { endedSessions };
  });
}

async function loadTarget(ctx: ActorContext, userId: number): Promise<UserRow> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new NotFoundError("No user with that id.");
  assertCanManage(ctx.actor, user);
  if (user.anonymisedAt) throw new ValidationError("userId", "this user was anonymised and has no account any more");
  return user;
}

/** Admin: "Send reset link" from the user record. */
export async function sendResetLink({ ctx, input }: { ctx: ActorContext; input: { userId: number } }) {
  return withTransaction(ctx, async (tx) => {
    const user = await loadTarget(tx, input.userId);
    if (user.status !== "approved") {
      throw new ValidationError("userId", `their status is ${user.status}; activate them first so the new password can be used`);
    }
    await sendPasswordResetEmail(tx, user, "admin");
    await recordAudit(tx, { action: "user.password_reset_link_sent", targetType: "user", targetId: user.id });
    return { email: user.email };
  });
}

/** Admin: a temporary password, to be replaced at the next sign-in. Existing sessions end. */
export async function setTemporaryPassword({ ctx, input }: { ctx: ActorContext; input: { userId: number; password: string } }) {
  return withTransaction(ctx, async (tx) => {
    const user = await loadTarget(tx, input.userId);
    assertNotSelf(ctx.actor, user.id, "set a temporary password on");
    if (user.role === "owner" && ctx.actor.role !== "owner") throw new ForbiddenError("Only an owner can change an owner's password.");
    await assertStrongPassword("password", input.password, user);
    await writePassword(tx, user.id, await hashPassword(input.password), true);
    await revokeTokens(tx, user.id, "password_reset");
    const endedSessions = await revokeUserSessions(tx, user.id, "temporary password set");
    await recordTimeline(tx, {
      userId: user.id,
      kind: "password",
      summary: `Temporary password set by ${ctx.actor.name}; must be changed at next sign-in`,
      data: { endedSessions },
    });
    await recordAudit(tx, { action: "user.temporary_password_set", targetType: "user", targetId: user.id, after: { forcedChange: true, endedSessions } });
    return { endedSessions };
  });
}
