import { eq } from "drizzle-orm";
import { settings } from "@/db/schema";
import type { Database } from "@/db/client";
import type { SiteSettings } from "@/server/schemas/settings";

/** The single settings row (created by the migrations). */
export async function getSettings(db: Database): Promise<SiteSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error("settings row missing: run the migrations");
  return {
    currency: row.currency as SiteSettings["currency"],
    doubleOptIn: row.doubleOptIn,
    passwordExpiryMonths: row.passwordExpiryMonths,
    inviteExpiryDays: row.inviteExpiryDays,
    emailFromName: row.emailFromName,
    emailFromAddress: row.emailFromAddress,
  };
}
