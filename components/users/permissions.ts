import { ROLES, type Role } from "@/server/schemas/common";

/** Mirrors the server's rule so the UI only offers what will be allowed: owners manage admins and owners. */
export function canManageRole(actor: Role | undefined, target: Role): boolean {
  if (actor === "owner") return true;
  if (actor === "admin") return target !== "owner" && target !== "admin";
  return false;
}

export function isAdminRole(role: Role | undefined): boolean {
  return role === "owner" || role === "admin";
}

export function assignableRoles(actor: Role | undefined): Role[] {
  return ROLES.filter((r) => canManageRole(actor, r));
}
