import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { consents, users } from "@/db/schema";
import { CONSENT_KINDS, CONSENT_LABELS, type AccountPreferences, type ConsentKind } from "@/server/schemas/account";
import { recordTimeline } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError } from "../core/errors";
import { sendConfirmationEmail } from "../email/confirmations";
import { getSettings } from "../settings/settings";

/** Appends to the consent log; the log is never updated, so it stays a faithful history. */
export async function recordConsent(ctx: ServiceContext, entry: { userId: number; kind: ConsentKind; granted: boolean; source: string }) {
  await ctx.db.insert(consents).values({ ...entry, actorId: ctx.actor?.id ?? null });
}

async function loadSelf(ctx: ActorContext, forUpdate = false) {
  const q = ctx.db.select().from(users).where(eq(users.id, ctx.actor.id));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Your account no longer exists.");
  return row;
}

/** The latest granted/withdrawn per kind; "never asked" counts as not granted. */
async function latestConsents(ctx: ServiceContext, userId: number): Promise<Map<string, boolean>> {
  const rows = await ctx.db
    .selectDistinctOn([consents.kind], { kind: consents.kind, granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.userId, userId), inArray(consents.kind, ["offers", "sms"])))
    .orderBy(consents.kind, desc(consents.createdAt), desc(consents.id));
  return new Map(rows.map((r) => [r.kind, r.granted]));
}

export async function getPreferences({ ctx }: { ctx: ActorContext; input?: void }): Promise<AccountPreferences> {
  const me = await loadSelf(ctx);
  const settings = await getSettings(ctx.db);
  const latest = await latestConsents(ctx, me.id);
  const history = await ctx.db
    .select({ kind: consents.kind, granted: consents.granted, source: consents.source, createdAt: consents.createdAt })
    .from(consents)
    .where(eq(consents.userId, me.id))
    .orderBy(desc(consents.createdAt), desc(consents.id))
    .limit(20);
  const awaiting = me.subscribed && !me.subscriptionConfirmedAt;
  return {
    // With double opt-in an unconfirmed subscription is not yet a subscription (S4).
    newsletter: me.subscribed && !(settings.doubleOptIn && awaiting),
    newsletterAwaitingConfirmation: settings.doubleOptIn && awaiting,
    offers: latest.get("offers") ?? false,
    sms: latest.get("sms") ?? false,
    doubleOptIn: settings.doubleOptIn,
    history,
  };
}

/** C2: each change is a consent row and a timeline entry; the newsletter also follows double opt-in. */
export async function updatePreferences({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: Partial<Record<ConsentKind, boolean>>;
}): Promise<AccountPreferences> {
  await withTransaction(ctx, async (tx) => {
    const me = await loadSelf(tx, true);
    const settings = await getSettings(tx.db);
    const latest = await latestConsents(tx, me.id);
    const source = "customer area";
    for (const kind of CONSENT_KINDS) {
      const wanted = input[kind];
      if (wanted === undefined) continue;
      const label = CONSENT_LABELS[kind].label.toLowerCase();
      if (kind === "newsletter") {
        if (wanted === me.subscribed) continue;
        const now = new Date();
        await tx.db
          .update(users)
          .set({
            subscribed: wanted,
            subscriptionConfirmedAt: wanted && !settings.doubleOptIn ? now : null,
            subscriptionChangedAt: now,
            updatedAt: now,
            version: sql`${users.version} + 1`,
          })
          .where(eq(users.id, me.id));
        await recordConsent(tx, { userId: me.id, kind, granted: wanted, source: wanted && settings.doubleOptIn ? `${source} (awaiting double opt-in)` : source });
        await recordTimeline(tx, { userId: me.id, kind: "consent", summary: wanted ? "Subscribed to the newsletter in the customer area" : "Unsubscribed from the newsletter in the customer area", data: { source } });
        if (wanted && settings.doubleOptIn) await sendConfirmationEmail(tx, { userId: me.id, purpose: "subscription_confirm" });
      } else {
        if (wanted === (latest.get(kind) ?? false)) continue;
        await recordConsent(tx, { userId: me.id, kind, granted: wanted, source });
        await recordTimeline(tx, { userId: me.id, kind: "consent", summary: `${wanted ? "Opted in to" : "Opted out of"} ${label} in the customer area`, data: { kind, source } });
      }
    }
  });
  return getPreferences({ ctx });
}
