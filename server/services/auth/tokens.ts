import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { emailTokens, users } from "@/db/schema";
import type { ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";

export type TokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  password_reset: 60 * 60_000,
  email_confirm: 7 * 86_400_000,
  subscription_confirm: 7 * 86_400_000,
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new 32-byte link token; only its hash is stored. Returns the raw token for the email. */
export async function issueToken(ctx: ServiceContext, input: { userId: number; purpose: TokenPurpose }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await ctx.db.insert(emailTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + TOKEN_TTL_MS[input.purpose]),
    createdById: ctx.actor?.id ?? null,
  });
  return token;
}

export type TokenLookup =
  | { state: "valid"; id: number; userId: number; email: string }
  | { state: "used" | "expired"; email: string }
  | { state: "unknown" };

/** What a link is, without using it (for the page that shows the form). */
export async function inspectToken(ctx: ServiceContext, token: string, purposes: TokenPurpose[], forUpdate = false): Promise<TokenLookup & { purpose?: TokenPurpose }> {
  const q = ctx.db
    .select({ id: emailTokens.id, userId: emailTokens.userId, purpose: emailTokens.purpose, expiresAt: emailTokens.expiresAt, usedAt: emailTokens.usedAt, email: users.email, anonymisedAt: users.anonymisedAt })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(eq(emailTokens.tokenHash, hashToken(token)))
    .limit(1);
  const [row] = forUpdate ? await q.for("update", { of: emailTokens }) : await q;
  if (!row || !purposes.includes(row.purpose) || row.anonymisedAt) return { state: "unknown" };
  if (row.usedAt) return { state: "used", email: row.email, purpose: row.purpose };
  if (row.expiresAt.getTime() <= Date.now()) return { state: "expired", email: row.email, purpose: row.purpose };
  return { state: "valid", id: row.id, userId: row.userId, email: row.email, purpose: row.purpose };
}

const REFUSALS = {
  used: "This link has already been used. Links work once; ask for a new one.",
  expired: "This link has expired. Ask for a new one.",
  unknown: "This link is not valid. Check that you copied all of it, or ask for a new one.",
} as const;

/** Marks the token used (row-locked, so two tabs cannot both use it) or says why it cannot be. */
export async function consumeToken(ctx: ServiceContext, token: string, purposes: TokenPurpose[]) {
  const found = await inspectToken(ctx, token, purposes, true);
  if (found.state === "unknown") throw new NotFoundError(REFUSALS.unknown);
  if (found.state !== "valid") throw new ValidationError("token", REFUSALS[found.state]);
  await ctx.db.update(emailTokens).set({ usedAt: new Date() }).where(and(eq(emailTokens.id, found.id), isNull(emailTokens.usedAt)));
  return { userId: found.userId, email: found.email, purpose: found.purpose as TokenPurpose };
}

/** Kills every outstanding link of one purpose for a user (a newer one, or the password changed). */
export async function revokeTokens(ctx: ServiceContext, userId: number, purpose: TokenPurpose): Promise<void> {
  await ctx.db
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}
