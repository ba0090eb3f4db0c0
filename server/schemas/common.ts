import { z } from "zod";

export const ROLES = ["owner", "admin", "manager", "customer"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
export const STAFF_ROLES: readonly Role[] = ["owner", "admin", "manager"];

export const Tier = z.enum(["public", "authed", "staff", "admin", "owner"]);
export type Tier = z.infer<typeof Tier>;

/** Which roles each procedure tier admits (public and authed admit anyone / any signed-in user). */
export const TIER_ROLES: Record<Tier, readonly Role[] | "anyone" | "signed-in"> = {
  public: "anyone",
  authed: "signed-in",
  staff: ["owner", "admin", "manager"],
  admin: ["owner", "admin"],
  owner: ["owner"],
};

export const Email = z.string().trim().toLowerCase().max(254).email({ message: "Enter a valid email address" });
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
