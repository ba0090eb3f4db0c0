import { and, desc, eq, gt, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { customerLevels, groups, inviteLinks, invites, tags, users } from "@/db/schema";
import { Email } from "@/server/schemas/common";
import {
  MAX_INVITES_PER_REQUEST,
  type InviteCreateInput,
  type InviteCreateResult,
  type InviteItem,
  type InviteListInput,
  type InviteListOutput,
  type InviteOutcome,
  type InviteState,
} from "@/server/schemas/invites";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { beforeKey, cursorTimestamp, decodeTimeCursor, encodeTimeCursor } from "../core/keyset";
import { addMembersWhere } from "../groups/members";
import { tagWhere } from "../tags/tags";
import { escapeLike } from "../users/filters";
import { sendInviteLink } from "./links";

type CreateInput = z.output<typeof InviteCreateInput>;
type UserRow = typeof users.$inferSelect;
type InviteRow = typeof invites.$inferSelect;

/** Splits pasted text into distinct addresses, keeping the invalid pieces to report them. */
export function parseAddresses(text: string): { valid: string[]; invalid: string[] } {
  const valid = new Set<string>();
  const invalid = new Set<string>();
  for (const piece of text.split(/[\s,;]+/)) {
    const trimmed = piece.replace(/^<|>$/g, "");
    if (!trimmed) continue;
    const parsed = Email.safeParse(trimmed);
    if (parsed.success) valid.add(parsed.data);
    else invalid.add(trimmed);
  }
  return { valid: [...valid], invalid: [...invalid] };
}

interface Presets {
  levelId: number | null;
  groups: { id: number; name: string }[];
  tags: { id: number; name: string }[];
}

async function loadPresets(ctx: ServiceContext, input: Pick<CreateInput, "levelId" | "groupIds" | "tagIds">): Promise<Presets> {
  if (input.levelId != null) {
    const [level] = await ctx.db.select({ id: customerLevels.id }).from(customerLevels).where(eq(customerLevels.id, input.levelId));
    if (!level) throw new ValidationError("levelId", "is not a customer level");
  }
  const groupIds = [...new Set(input.groupIds)];
  const tagIds = [...new Set(input.tagIds)];
  const foundGroups = groupIds.length ? await ctx.db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, groupIds)) : [];
  if (foundGroups.length !== groupIds.length) throw new ValidationError("groupIds", "one of the chosen groups no longer exists");
  const foundTags = tagIds.length ? await ctx.db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, tagIds)) : [];
  if (foundTags.length !== tagIds.length) throw new ValidationError("tagIds", "one of the chosen tags no longer exists");
  return { levelId: input.levelId, groups: foundGroups, tags: foundTags };
}

/** Why this existing user cannot be invited, or null when they can. */
function refusal(user: UserRow): string | null {
  if (user.anonymisedAt) return "this record was anonymised";
  if (user.role !== "customer") return `belongs to a ${user.role} account; invites are for customers`;
  if (user.status === "suspended" || user.status === "rejected") return `the account is ${user.status}; change its status first`;
  if (user.passwordHash && user.inviteState !== "pending") {
    return user.status === "approved" ? "already has an active account" : "already has an account with a password (status pending)";
  }
  return null;
}

async function applyPresets(ctx: ActorContext, userId: number, presets: Presets): Promise<void> {
  const where = sql`id = ${userId}`;
  for (const g of presets.groups) await addMembersWhere(ctx, g, where, false);
  for (const t of presets.tags) await tagWhere(ctx, t, where, false);
}

async function inviteOne(ctx: ActorContext, email: string, presets: Presets, message: string | null): Promise<InviteOutcome> {
  const [existing] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`).for("update");
  let userId: number;
  if (existing) {
    const why = refusal(existing);
    if (why) return { email, result: "skipped", note: why, inviteId: null };
    const [pending] = await ctx.db.select().from(invites).where(and(eq(invites.userId, existing.id), eq(invites.status, "pending"))).for("update");
    if (pending && pending.expiresAt > new Date()) {
      return { email, result: "skipped", note: `already invited on ${pending.sentAt.toISOString().slice(0, 10)}; use Resend on the invites list`, inviteId: pending.id };
    }
    if (pending) {
      // An expired invite is simply sent again with a fresh link.
      await sendInviteLink(ctx, pending, `Invite sent again by ${ctx.actor.name} (the previous link had expired)`);
      await ctx.db.update(invites).set({ sendCount: sql`${invites.sendCount} + 1` }).where(eq(invites.id, pending.id));
      return { email, result: "invited", note: "the earlier invite had expired; a new link was sent", inviteId: pending.id };
    }
    userId = existing.id;
    await ctx.db
      .update(users)
      .set({
        inviteState: "pending",
        status: "approved",
        ...(presets.levelId != null ? { levelId: presets.levelId } : {}),
        version: sql`${users.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
  } else {
    const [row] = await ctx.db
      .insert(users)
      .values({ email, source: "invite", status: "approved", inviteState: "pending", levelId: presets.levelId })
      .returning({ id: users.id });
    if (!row) throw new Error("insert returned nothing");
    userId = row.id;
    await recordTimeline(ctx, { userId, kind: "created", summary: `Record created by ${ctx.actor.name} with an invite`, data: { source: "invite" } });
  }
  await applyPresets(ctx, userId, presets);
  const [invite] = await ctx.db
    .insert(invites)
    .values({
      userId,
      email,
      invitedById: ctx.actor.id,
      levelId: presets.levelId,
      groupIds: presets.groups.map((g) => g.id),
      tagIds: presets.tags.map((t) => t.id),
      message,
      expiresAt: new Date(),
    })
    .returning();
  if (!invite) throw new Error("insert returned nothing");
  await sendInviteLink(ctx, invite, `Invited by ${ctx.actor.name}`);
  await recordAudit(ctx, { action: "invite.create", targetType: "user", targetId: userId, after: { inviteId: invite.id, email, levelId: presets.levelId, groupIds: invite.groupIds, tagIds: invite.tagIds } });
  return { email, result: "invited", note: existing ? "existing record; now invited to set a password" : null, inviteId: invite.id };
}

/** I1: invite one or many pasted addresses; each address says what happened to it. */
export async function createInvites({ ctx, input }: { ctx: ActorContext; input: CreateInput }): Promise<InviteCreateResult> {
  const { valid, invalid } = parseAddresses(input.emails);
  if (valid.length + invalid.length > MAX_INVITES_PER_REQUEST) {
    throw new ValidationError("emails", `at most ${MAX_INVITES_PER_REQUEST} addresses at a time (${valid.length + invalid.length} pasted)`);
  }
  if (valid.length === 0) throw new ValidationError("emails", invalid.length ? `"${invalid[0]}" is not a valid email address` : "enter at least one email address");
  return withTransaction(ctx, async (tx) => {
    const presets = await loadPresets(tx, input);
    const outcomes: InviteOutcome[] = invalid.map((email) => ({ email, result: "skipped", note: "not a valid email address", inviteId: null }));
    for (const email of valid) outcomes.push(await inviteOne(tx, email, presets, input.message));
    const invited = outcomes.filter((o) => o.result === "invited").length;
    return { invited, skipped: outcomes.length - invited, outcomes };
  });
}

/** U5 "Send invite" on create: invites an existing record by id. */
export async function inviteUser({ ctx, input }: { ctx: ActorContext; input: { userId: number; message: string | null } }): Promise<InviteCreateResult> {
  const [user] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new NotFoundError("No user with that id.");
  const result = await createInvites({ ctx, input: { emails: user.email, levelId: null, groupIds: [], tagIds: [], message: input.message } });
  const skipped = result.outcomes.find((o) => o.result === "skipped");
  if (skipped) throw new ValidationError("userId", skipped.note ?? "cannot be invited");
  return result;
}

async function loadInvite(ctx: ServiceContext, id: number): Promise<InviteRow> {
  const [row] = await ctx.db.select().from(invites).where(eq(invites.id, id)).for("update");
  if (!row) throw new NotFoundError("No invite with that id.");
  return row;
}

/** I3: a new link by email; the previous link stops working at once. Also revives an expired invite. */
export async function resendInvite({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const invite = await loadInvite(tx, input.id);
    if (invite.status !== "pending") throw new ValidationError("id", `this invite was ${invite.status}; nothing to resend`);
    const { expiresAt } = await sendInviteLink(tx, invite, `Invite resent by ${ctx.actor.name}; the previous link no longer works`);
    await tx.db.update(invites).set({ sendCount: sql`${invites.sendCount} + 1` }).where(eq(invites.id, invite.id));
    await recordAudit(tx, { action: "invite.resend", targetType: "user", targetId: invite.userId, after: { inviteId: invite.id } });
    return { id: invite.id, expiresAt };
  });
}

/** I3: the link dies; the record stays, no longer "invite pending". */
export async function revokeInvite({ ctx, input }: { ctx: ActorContext; input: { id: number } }) {
  return withTransaction(ctx, async (tx) => {
    const invite = await loadInvite(tx, input.id);
    if (invite.status !== "pending") throw new ValidationError("id", `this invite was already ${invite.status}`);
    const now = new Date();
    await tx.db.update(invites).set({ status: "revoked", revokedAt: now, revokedById: ctx.actor.id }).where(eq(invites.id, invite.id));
    await tx.db.update(inviteLinks).set({ replacedAt: now }).where(and(eq(inviteLinks.inviteId, invite.id), sql`${inviteLinks.usedAt} is null and ${inviteLinks.replacedAt} is null`));
    await tx.db
      .update(users)
      .set({ inviteState: "none", version: sql`${users.version} + 1`, updatedAt: now })
      .where(and(eq(users.id, invite.userId), eq(users.inviteState, "pending")));
    await recordTimeline(tx, { userId: invite.userId, kind: "invite", summary: `Invite revoked by ${ctx.actor.name}`, data: { inviteId: invite.id } });
    await recordAudit(tx, { action: "invite.revoke", targetType: "user", targetId: invite.userId, after: { inviteId: invite.id } });
    return { id: invite.id };
  });
}

function stateCondition(state: InviteState, now: Date): SQL {
  if (state === "pending") return and(eq(invites.status, "pending"), gt(invites.expiresAt, now)) as SQL;
  if (state === "expired") return and(eq(invites.status, "pending"), lte(invites.expiresAt, now)) as SQL;
  return eq(invites.status, state);
}

/** I3: newest first, keyset on (created_at, id), filtered by state; counts per state. */
export async function listInvites({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof InviteListInput> }): Promise<InviteListOutput> {
  const now = new Date();
  const conditions: SQL[] = [];
  if (input.state) conditions.push(stateCondition(input.state, now));
  if (input.q) conditions.push(sql`lower(${invites.email}) LIKE ${"%" + escapeLike(input.q.toLowerCase()) + "%"}`);
  const key = decodeTimeCursor(input.cursor);
  if (key) conditions.push(beforeKey(invites.createdAt, invites.id, key));
  const [rows, [counts]] = await Promise.all([
    ctx.db
      .select({
        invite: invites,
        ts: cursorTimestamp(invites.createdAt),
        invitedBy: sql<string | null>`(SELECT coalesce(nullif(trim(a.first_name || ' ' || a.last_name), ''), a.email) FROM users a WHERE a.id = ${invites.invitedById})`,
        levelName: sql<string | null>`(SELECT name FROM customer_levels l WHERE l.id = ${invites.levelId})`,
        groupNames: sql<string[]>`coalesce((SELECT array_agg(name ORDER BY name) FROM groups g WHERE g.id = ANY(${invites.groupIds})), '{}')`,
        tagNames: sql<string[]>`coalesce((SELECT array_agg(name ORDER BY name) FROM tags t WHERE t.id = ANY(${invites.tagIds})), '{}')`,
      })
      .from(invites)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(invites.createdAt), desc(invites.id))
      .limit(input.limit + 1),
    ctx.db
      .select({
        pending: sql<number>`count(*) FILTER (WHERE status = 'pending' AND expires_at > ${now.toISOString()}::timestamptz)::int`,
        expired: sql<number>`count(*) FILTER (WHERE status = 'pending' AND expires_at <= ${now.toISOString()}::timestamptz)::int`,
        accepted: sql<number>`count(*) FILTER (WHERE status = 'accepted')::int`,
        revoked: sql<number>`count(*) FILTER (WHERE status = 'revoked')::int`,
      })
      .from(invites),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ invite: i, invitedBy, levelName, groupNames, tagNames }): InviteItem => ({
      id: i.id,
      userId: i.userId,
      email: i.email,
      state: i.status === "pending" && i.expiresAt <= now ? "expired" : i.status,
      invitedBy,
      levelName,
      groupNames: groupNames ?? [],
      tagNames: tagNames ?? [],
      message: i.message,
      sentAt: i.sentAt,
      expiresAt: i.expiresAt,
      sendCount: i.sendCount,
      acceptedAt: i.acceptedAt,
      revokedAt: i.revokedAt,
      createdAt: i.createdAt,
    })),
    nextCursor: rows.length > input.limit && last ? encodeTimeCursor({ ts: last.ts, id: last.invite.id }) : null,
    counts: {
      pending: Number(counts?.pending ?? 0),
      expired: Number(counts?.expired ?? 0),
      accepted: Number(counts?.accepted ?? 0),
      revoked: Number(counts?.revoked ?? 0),
    },
  };
}
