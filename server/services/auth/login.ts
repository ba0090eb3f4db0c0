import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { emailTokens, loginAttempts, sessions, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { burnVerifyTime, verifyPassword } from "@/server/auth/password";
import { TooManyRequestsError, UnauthorizedError } from "../core/errors";
import { recordAudit, recordTimeline } from "../core/audit";
import { getSettings } from "../settings/settings";
import { expiryCutoff } from "../users/activity";
import { sendPasswordResetEmail } from "./passwords";
import { newSessionId } from "./sessions";
import { parseUserAgent } from "./user-agent";

export interface LoginLimits {
  maxPerEmail: number;
  maxPerIp: number;
  windowMinutes: number;
  idleDays: number;
}

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/** One message for every failure, so the answer never tells whether an address exists. */
export const LOGIN_FAILED = "Email or password is incorrect.";
export const LOGIN_LOCKED = "Too many sign-in attempts. Wait a few minutes and try again.";
export const PASSWORD_EXPIRED =
  "Your password has expired because the account was not used for a long time. We have emailed you a link to set a new one.";

/** Only said to someone who gave the right password, so it reveals nothing to a guesser. */
export class PasswordExpiredError extends UnauthorizedError {}

/** A second sign-in soon after the first does not email another link. */
const EXPIRED_RESEND_AFTER_MS = 15 * 60_000;

export async function authenticate(
  db: Database,
  input: LoginInput,
  limits: LoginLimits,
): Promise<{ userId: number; sessionId: string; role: string }> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - limits.windowMinutes * 60_000);

  const [[byEmail], [byIp]] = await Promise.all([
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false), gt(loginAttempts.createdAt, since))),
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, input.ip), eq(loginAttempts.success, false), gt(loginAttempts.createdAt, since))),
  ]);
  if (Number(byEmail?.n ?? 0) >= limits.maxPerEmail || Number(byIp?.n ?? 0) >= limits.maxPerIp) {
    await db.insert(loginAttempts).values({ email, ip: input.ip, success: false });
    await recordAudit(
      { db, actor: null, ip: input.ip },
      { action: "auth.login_locked", targetType: "login", targetId: email, after: { ip: input.ip } },
    );
    throw new TooManyRequestsError(LOGIN_LOCKED);
  }

  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      email: users.email,
      firstName: users.firstName,
      passwordHash: users.passwordHash,
      loginable: users.loginable,
      lastActiveAt: users.lastActiveAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);

  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await burnVerifyTime(input.password), false);
  if (!user || !ok || !user.loginable) {
    await db.insert(loginAttempts).values({ email, ip: input.ip, success: false });
    throw new UnauthorizedError(LOGIN_FAILED);
  }

  // U6: no activity for passwordExpiryMonths (the U1 rule) means a reset first.
  if ((user.lastActiveAt ?? user.createdAt) < expiryCutoff(await getSettings(db))) {
    await db.transaction(async (tx) => {
      const ctx = { db: tx as unknown as Database, actor: null, ip: input.ip };
      const [recent] = await tx
        .select({ id: emailTokens.id })
        .from(emailTokens)
        .where(
          and(
            eq(emailTokens.userId, user.id),
            eq(emailTokens.purpose, "password_reset"),
            isNull(emailTokens.usedAt),
            gt(emailTokens.createdAt, new Date(Date.now() - EXPIRED_RESEND_AFTER_MS)),
          ),
        )
        .limit(1);
      if (!recent) await sendPasswordResetEmail(ctx, user, "expired");
      await recordAudit(ctx, { action: "auth.password_expired", targetType: "user", targetId: user.id, after: { emailed: !recent } });
    });
    throw new PasswordExpiredError(PASSWORD_EXPIRED);
  }

  const sessionId = newSessionId();
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email, ip: input.ip, success: true });
    await tx.insert(sessions).values({
      id: sessionId,
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 1000) ?? null,
      ...parseUserAgent(input.userAgent),
      expiresAt: new Date(Date.now() + limits.idleDays * 86_400_000),
    });
    await tx.update(users).set({ lastActiveAt: new Date() }).where(eq(users.id, user.id));
    await recordTimeline(
      { db: tx as unknown as Database, actor: null, ip: input.ip },
      { userId: user.id, kind: "login", summary: "Signed in", data: { ip: input.ip } },
    );
  });
  return { userId: user.id, sessionId, role: user.role };
}
