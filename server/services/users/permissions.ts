import type { Role } from "@/server/schemas/common";
import type { Actor } from "../core/context";
import { ForbiddenError } from "../core/errors";

/** Roles whose accounts only an owner may change (SPEC: owners manage admins and owners). */
const OWNER_MANAGED: readonly Role[] = ["owner", "admin"];

export function canManage(actor: Actor, targetRole: Role): boolean {
  if (actor.role === "owner") return true;
  if (actor.role === "admin") return !OWNER_MANAGED.includes(targetRole);
  return false;
}

export function assertCanManage(actor: Actor, target: { id: number; role: Role }, newRole?: Role): void {
  if (!canManage(actor, target.role)) {
    throw new ForbiddenError(`Only an owner can change ${target.role} accounts.`);
  }
  if (newRole && newRole !== target.role && !canManage(actor, newRole)) {
    throw new ForbiddenError(`Only an owner can give the ${newRole} role.`);
  }
}

/** Nobody locks themselves out: no self-deactivation or self-deletion. */
export function assertNotSelf(actor: Actor, targetId: number, what: string): void {
  if (actor.id === targetId) throw new ForbiddenError(`You cannot ${what} your own account.`);
}
