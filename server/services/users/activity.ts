import type { SiteSettings } from "@/server/schemas/settings";
import type { ActivityReason } from "@/server/schemas/users";

export interface ActivityFacts {
  status: string;
  hasPassword: boolean;
  inviteState: string;
  emailConfirmedAt: Date | null;
  anonymisedAt: Date | null;
  lastActiveAt: Date | null;
  createdAt: Date;
}

/** The instant before which a user's password counts as expired (no activity since). */
export function expiryCutoff(settings: Pick<SiteSettings, "passwordExpiryMonths">, now = new Date()): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - settings.passwordExpiryMonths);
  return d;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The U1 "Active accounts" rule for one user, with the reason in plain words. */
export function describeActivity(
  u: ActivityFacts,
  settings: Pick<SiteSettings, "passwordExpiryMonths" | "doubleOptIn">,
  now = new Date(),
): ActivityReason {
  if (u.anonymisedAt) return { active: false, reason: `inactive: anonymised on ${day(u.anonymisedAt)}` };
  if (u.status !== "approved") return { active: false, reason: `inactive: status is ${u.status}` };
  if (u.inviteState === "pending") return { active: false, reason: "inactive: invite not accepted yet" };
  if (!u.hasPassword) return { active: false, reason: "inactive: no password set, cannot log in" };
  if (settings.doubleOptIn && !u.emailConfirmedAt) return { active: false, reason: "inactive: email address not confirmed" };
  const activity = u.lastActiveAt ?? u.createdAt;
  if (activity < expiryCutoff(settings, now)) {
    return {
      active: false,
      reason: u.lastActiveAt
        ? `inactive: no login since ${day(u.lastActiveAt)}`
        : `inactive: never logged in since created ${day(u.createdAt)}`,
    };
  }
  return {
    active: true,
    reason: u.lastActiveAt ? `active: last seen ${day(u.lastActiveAt)}` : `active: created ${day(u.createdAt)}, not signed in yet`,
  };
}
