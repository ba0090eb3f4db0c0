import { and, desc, eq, ne, sql } from "drizzle-orm";
import { timelineEvents, users } from "@/db/schema";
import { USER_FIELD_LABELS, type UserCreateInput, type UserRecord, type UserStatus } from "@/server/schemas/users";
import type { z } from "zod";
import type { UserDetails, UserUpdateInput, UserCreateInput as CreateSchema } from "@/server/schemas/users";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors";
import { revokeUserSessions } from "../auth/sessions";
import { validateCustomFieldValues } from "../settings/custom-fields";
import { getSettings } from "../settings/settings";
import { levelNameMap, toListItem } from "./list";
import { assertCanManage, assertNotSelf } from "./permissions";

type UserRow = typeof users.$inferSelect;

export async function loadUser(ctx: ServiceContext, id: number, forUpdate = false): Promise<UserRow> {
  const q = ctx.db.select().from(users).where(eq(users.id, id));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("No user with that id.");
  return row;
}

export async function toRecord(ctx: ServiceContext, row: UserRow): Promise<UserRecord> {
  const settings = await getSettings(ctx.db);
  const levels = await levelNameMap(ctx.db);
  const base = toListItem({ ...row, hasPassword: row.passwordHash !== null, k: [] }, levels, settings, new Date());
  return {
    ...base,
    jobTitle: row.jobTitle,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    region: row.region,
    postcode: row.postcode,
    country: row.country,
    customFields: row.customFields,
    emailConfirmedAt: row.emailConfirmedAt,
    subscriptionConfirmedAt: row.subscriptionConfirmedAt,
    inviteState: row.inviteState,
    hasPassword: row.passwordHash !== null,
    mustChangePassword: row.mustChangePassword,
    anonymisedAt: row.anonymisedAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function getUser({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<UserRecord> {
  return toRecord(ctx, await loadUser(ctx, input.id));
}

async function assertEmailFree(ctx: ServiceContext, email: string, exceptId?: number): Promise<void> {
  const conditions = [sql`lower(${users.email}) = ${email.toLowerCase()}`];
  if (exceptId) conditions.push(ne(users.id, exceptId));
  const [clash] = await ctx.db.select({ id: users.id }).from(users).where(and(...conditions)).limit(1);
  if (clash) throw new ValidationError("email", "is already used by another user");
}

async function assertLevel(ctx: ServiceContext, levelId: number | null | undefined): Promise<void> {
  if (levelId == null) return;
  const levels = await levelNameMap(ctx.db);
  if (!levels.has(levelId)) throw new ValidationError("levelId", "is not a customer level");
}

export async function createUser({ ctx, input }: { ctx: ActorContext; input: z.output<typeof CreateSchema> }) {
  assertCanManage(ctx.actor, { id: 0, role: "customer" }, input.role ?? "customer");
  return withTransaction(ctx, async (tx) => {
    await assertEmailFree(tx, input.email);
    await assertLevel(tx, input.levelId);
    const customFields = await validateCustomFieldValues(tx.db, input.customFields ?? {}, { requireAll: true });
    const now = new Date();
    const [row] = await tx.db
      .insert(users)
      .values({
        ...input,
        firstName: input.firstName ?? "",
        lastName: input.lastName ?? "",
        customFields,
        role: input.role ?? "customer",
        subscriptionChangedAt: input.subscribed ? now : null,
        subscriptionConfirmedAt: input.subscribed ? now : null,
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    await recordTimeline(tx, {
      userId: row.id,
      kind: "created",
      summary: `Record created by ${ctx.actor.name}`,
      data: { source: row.source },
    });
    await recordAudit(tx, { action: "user.create", targetType: "user", targetId: row.id, after: { email: row.email, role: row.role, status: row.status } });
    return { id: row.id };
  });
}
export type { UserCreateInput };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export async function updateUser({ ctx, input }: { ctx: ActorContext; input: z.output<typeof UserUpdateInput> }): Promise<UserRecord> {
  return withTransaction(ctx, async (tx) => {
    const current = await loadUser(tx, input.id, true);
    if (current.version !== input.version) {
      throw new ConflictError(await describeConflict(tx, current, input.version));
    }
    if (current.anonymisedAt) throw new ValidationError("id", "this user was anonymised and can no longer be edited");
    if (input.patch.role && input.patch.role !== current.role) assertNotSelf(ctx.actor, current.id, "change the role of");
    // Staff may always edit their own personal details; other accounts follow the role rules.
    if (current.id !== ctx.actor.id) assertCanManage(ctx.actor, current, input.patch.role);

    const patch: Partial<z.output<typeof UserDetails>> = { ...input.patch };
    if (patch.email && patch.email.toLowerCase() !== current.email.toLowerCase()) await assertEmailFree(tx, patch.email, current.id);
    if (patch.levelId !== undefined) await assertLevel(tx, patch.levelId);
    if (patch.customFields !== undefined) {
      patch.customFields = await validateCustomFieldValues(tx.db, { ...current.customFields, ...patch.customFields }, { requireAll: true });
    }

    const changes = Object.entries(patch)
      .filter(([k, v]) => v !== undefined && !same(current[k as keyof UserRow], v))
      .map(([field, after]) => ({ field, label: USER_FIELD_LABELS[field] ?? field, before: current[field as keyof UserRow] ?? null, after }));
    if (changes.length === 0) return toRecord(tx, current);

    const [row] = await tx.db
      .update(users)
      .set({ ...Object.fromEntries(changes.map((c) => [c.field, c.after])), version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, current.id), eq(users.version, input.version)))
      .returning();
    if (!row) throw new ConflictError("Someone else saved this record at the same moment. Reload to see their version.");

    await recordTimeline(tx, {
      userId: row.id,
      kind: "updated",
      summary: `Changed ${changes.map((c) => c.label).join(", ")}`,
      data: { version: row.version, changes: changes.map(({ field, before, after }) => ({ field, before, after })) },
    });
    await recordAudit(tx, {
      action: "user.update",
      targetType: "user",
      targetId: row.id,
      before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
    });
    return toRecord(tx, row);
  });
}

/** Says who changed what since the editor loaded `loadedVersion`, from the timeline. */
async function describeConflict(ctx: ServiceContext, current: UserRow, loadedVersion: number): Promise<string> {
  const [last] = await ctx.db
    .select({ summary: timelineEvents.summary, createdAt: timelineEvents.createdAt, actor: sql<string | null>`(SELECT nullif(trim(first_name || ' ' || last_name), '') FROM users a WHERE a.id = ${timelineEvents.actorId})` })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.userId, current.id), sql`${timelineEvents.kind} IN ('updated', 'status', 'level')`))
    .orderBy(desc(timelineEvents.createdAt), desc(timelineEvents.id))
    .limit(1);
  const what = last
    ? `${last.actor ?? "Someone"} made a change (${last.summary.replace(/^Changed /, "changed ")}) at ${last.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
    : "Someone else changed it";
  return `This record changed since you opened it (your version ${loadedVersion}, now ${current.version}): ${what}. Nothing was saved — reload to see their version; your edits are still in the form.`;
}

export async function setUserStatus({ ctx, input }: { ctx: ActorContext; input: { id: number; status: UserStatus } }): Promise<UserRecord> {
  return withTransaction(ctx, async (tx) => {
    const current = await loadUser(tx, input.id, true);
    assertCanManage(ctx.actor, current);
    if (input.status !== "approved") assertNotSelf(ctx.actor, current.id, "deactivate");
    if (current.status === input.status) return toRecord(tx, current);
    const [row] = await tx.db
      .update(users)
      .set({ status: input.status, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, current.id))
      .returning();
    if (!row) throw new NotFoundError("No user with that id.");
    await recordTimeline(tx, {
      userId: row.id,
      kind: "status",
      summary: `Status: ${current.status} → ${input.status}`,
      data: { version: row.version, changes: [{ field: "status", before: current.status, after: input.status }] },
    });
    await recordAudit(tx, { action: "user.set_status", targetType: "user", targetId: row.id, before: { status: current.status }, after: { status: input.status } });
    // Deactivating ends every session of the user at once (D2).
    if (input.status !== "approved") await revokeUserSessions(tx, row.id, `status ${input.status}`);
    return toRecord(tx, row);
  });
}
