import { z } from "zod";
import { Id } from "./common";

const Name = z.string().trim().min(1, "Enter a name").max(80, "Use at most 80 characters");
const Description = z.string().trim().max(1000, "Use at most 1,000 characters");

export const GroupListItem = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  taxExempt: z.boolean(),
  memberCount: z.number(),
  /** Smart types this group feeds, in priority order. */
  smartTypes: z.array(z.object({ id: z.number(), name: z.string(), position: z.number() })),
  createdAt: z.date(),
});
export type GroupListItem = z.infer<typeof GroupListItem>;

export const GroupCreateInput = z.object({
  name: Name,
  description: Description.default(""),
  taxExempt: z.boolean().default(false),
});
export type GroupCreateInput = z.input<typeof GroupCreateInput>;

export const GroupUpdateInput = z.object({
  id: Id,
  name: Name.optional(),
  description: Description.optional(),
  taxExempt: z.boolean().optional(),
});
export type GroupUpdateInput = z.input<typeof GroupUpdateInput>;

export const GroupDeletePreview = z.object({
  memberCount: z.number(),
  /** Members whose smart type changes because this group goes. */
  smartTypeChanges: z.number(),
  smartTypes: z.array(z.string()),
  priceBreaks: z.number(),
  messages: z.number(),
  taxExemptLosing: z.number(),
});
export type GroupDeletePreview = z.infer<typeof GroupDeletePreview>;

export const GroupMemberListInput = z.object({
  groupId: Id,
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type GroupMemberListInput = z.input<typeof GroupMemberListInput>;

export const GroupMember = z.object({
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().nullable(),
  status: z.string(),
  addedAt: z.date(),
});
export type GroupMember = z.infer<typeof GroupMember>;

export const GroupMemberList = z.object({ items: z.array(GroupMember), nextCursor: z.string().nullable() });

export const GroupMembersChange = z.object({
  groupId: Id,
  userIds: z.array(Id).min(1, "Pick at least one user").max(1000, "Add at most 1,000 users at a time; use a bulk action for more"),
});
export type GroupMembersChange = z.input<typeof GroupMembersChange>;

/** A user's groups as shown on the record, with the effective tax status (G2) and smart type (G6). */
export const UserGroupsView = z.object({
  groups: z.array(z.object({ id: z.number(), name: z.string(), taxExempt: z.boolean(), addedAt: z.date() })),
  tags: z.array(z.object({ id: z.number(), name: z.string(), colour: z.string() })),
  taxExempt: z.boolean(),
  /** The groups that make the user tax-exempt (empty when not exempt). */
  taxExemptBecause: z.array(z.object({ id: z.number(), name: z.string() })),
  smartType: z.object({ id: z.number(), name: z.string(), position: z.number() }).nullable(),
  /** "In Trade (priority 1) and Dealer (priority 3)": each matching type with the group that matched. */
  smartTypeReason: z.string(),
});
export type UserGroupsView = z.infer<typeof UserGroupsView>;

export const UserGroupSet = z.object({ userId: Id, groupId: Id });
