import { asc, eq } from "drizzle-orm";
import { customerLevels, settings } from "@/db/schema";
import type { Database } from "@/db/client";
import type { SettingsUpdateInput, SettingsView, SiteSettings } from "@/server/schemas/settings";
import { recordAudit } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { listCustomFields } from "./custom-fields";

type SettingsRow = typeof settings.$inferSelect;

function toSiteSettings(row: SettingsRow): SiteSettings {
  return {
    currency: row.currency as SiteSettings["currency"],
    doubleOptIn: row.doubleOptIn,
    passwordExpiryMonths: row.passwordExpiryMonths,
    inviteExpiryDays: row.inviteExpiryDays,
    emailFromName: row.emailFromName,
    emailFromAddress: row.emailFromAddress,
  };
}

/** The single settings row (created by the migrations). */
export async function getSettings(db: Database): Promise<SiteSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error("settings row missing: run the migrations");
  return toSiteSettings(row);
}

/** Site settings with the ordered levels and custom field definitions. */
export async function getSettingsView({ ctx }: { ctx: ServiceContext; input?: void }): Promise<SettingsView> {
  const [site, levels, customFields] = await Promise.all([
    getSettings(ctx.db),
    ctx.db
      .select({ id: customerLevels.id, name: customerLevels.name, position: customerLevels.position })
      .from(customerLevels)
      .orderBy(asc(customerLevels.position), asc(customerLevels.id)),
    listCustomFields(ctx.db),
  ]);
  return { ...site, levels, customFields };
}

/** Changes the given settings; the audit row records only what actually changed. */
export async function updateSettings({ ctx, input }: { ctx: ActorContext; input: SettingsUpdateInput }): Promise<SiteSettings> {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(settings).where(eq(settings.id, 1)).for("update");
    if (!row) throw new Error("settings row missing: run the migrations");
    const current = toSiteSettings(row);
    const before: Partial<SiteSettings> = {};
    const after: Partial<SiteSettings> = {};
    for (const key of Object.keys(input) as (keyof SiteSettings)[]) {
      const value = input[key];
      if (value === undefined || value === current[key]) continue;
      (before as Record<string, unknown>)[key] = current[key];
      (after as Record<string, unknown>)[key] = value;
    }
    if (Object.keys(after).length === 0) return current;
    await tx.db
      .update(settings)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(settings.id, 1));
    await recordAudit(tx, { action: "settings.update", targetType: "settings", targetId: 1, before, after });
    return { ...current, ...after };
  });
}
