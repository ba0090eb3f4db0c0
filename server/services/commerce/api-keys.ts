import { createHash, randomBytes } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import type { Database } from "@/db/client";
import type { ApiKeyView } from "@/server/schemas/sales";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError } from "../core/errors";

const KEY_PREFIX = "um_";
/** Visible part: "um_" plus 8 characters, enough to tell keys apart in a list and in logs. */
const VISIBLE = KEY_PREFIX.length + 8;

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

const VIEW = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdByEmail: users.email,
};

export async function listApiKeys({ ctx }: { ctx: ServiceContext; input?: void }): Promise<ApiKeyView[]> {
  return ctx.db.select(VIEW).from(apiKeys).leftJoin(users, eq(users.id, apiKeys.createdBy)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** The secret is returned once and only its sha256 is stored, so a database leak gives no usable key. */
export async function createApiKey({ ctx, input }: { ctx: ActorContext; input: { name: string } }) {
  return withTransaction(ctx, async (tx) => {
    const secret = KEY_PREFIX + randomBytes(32).toString("base64url");
    const [row] = await tx.db
      .insert(apiKeys)
      .values({ name: input.name, prefix: secret.slice(0, VISIBLE), keyHash: hashApiKey(secret), createdBy: ctx.actor.id })
      .returning({ id: apiKeys.id });
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, { action: "apiKey.create", targetType: "apiKey", targetId: row.id, after: { name: input.name, prefix: secret.slice(0, VISIBLE) } });
    const [key] = await tx.db.select(VIEW).from(apiKeys).leftJoin(users, eq(users.id, apiKeys.createdBy)).where(eq(apiKeys.id, row.id));
    return { key: key as ApiKeyView, secret };
  });
}

export async function revokeApiKey({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(eq(apiKeys.id, input.id))
      .returning({ name: apiKeys.name, prefix: apiKeys.prefix });
    if (!row) throw new NotFoundError("That API key does not exist.");
    await recordAudit(tx, { action: "apiKey.revoke", targetType: "apiKey", targetId: input.id, before: { name: row.name, prefix: row.prefix } });
    return { ok: true as const };
  });
}

export interface ApiKeyIdentity {
  id: number;
  name: string;
  prefix: string;
}

/** The key named by an `Authorization: Bearer …` header, or null when missing, unknown or revoked. */
export async function authenticateApiKey(db: Database, authorization: string | null): Promise<ApiKeyIdentity | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const secret = match?.[1];
  if (!secret?.startsWith(KEY_PREFIX) || secret.length > 200) return null;
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(secret)));
  if (!row || row.revokedAt) return null;
  // At most one write per key per minute, so a busy storefront does not make this row hot.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
  }
  return { id: row.id, name: row.name, prefix: row.prefix };
}
