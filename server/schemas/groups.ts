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

const MessageFields = z.object({
  title: z.string().trim().min(1, "Enter a title").max(120, "Use at most 120 characters"),
  body: z.string().trim().min(1, "Enter the message").max(4000, "Use at most 4,000 characters"),
  startsAt: z.coerce.date({ message: "Enter a valid start date" }),
  endsAt: z.coerce.date({ message: "Enter a valid end date" }).nullable().default(null),
});

const endsAfterStart = (v: { startsAt?: Date; endsAt?: Date | null }) => !v.endsAt || !v.startsAt || v.endsAt > v.startsAt;

export const GroupMessageCreateInput = MessageFields.extend({ groupId: Id }).refine(endsAfterStart, {
  message: "The end must be after the start",
  path: ["endsAt"],
});
export type GroupMessageCreateInput = z.input<typeof GroupMessageCreateInput>;

export const GroupMessageUpdateInput = MessageFields.partial()
  .extend({ id: Id })
  .refine(endsAfterStart, { message: "The end must be after the start", path: ["endsAt"] });
export type GroupMessageUpdateInput = z.input<typeof GroupMessageUpdateInput>;

export const GroupMessage = z.object({
  id: z.number(),
  groupId: z.number(),
  title: z.string(),
  body: z.string(),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  state: z.enum(["scheduled", "active", "ended"]),
  dismissals: z.number(),
});
export type GroupMessage = z.infer<typeof GroupMessage>;

/** What a member sees on /account. */
export const MyGroupMessage = z.object({ id: z.number(), groupName: z.string(), title: z.string(), body: z.string(), startsAt: z.date() });
export type MyGroupMessage = z.infer<typeof MyGroupMessage>;

const EmailSubject = z.string().trim().min(1, "Write a subject").max(200, "Keep the subject under 200 characters");
const EmailBody = z.string().trim().min(1, "Write a message").max(10_000, "Keep the message under 10,000 characters");

/** G4: merge fields offered in group emails (the user's own plus the group they receive it through). */
export const GROUP_EMAIL_FIELDS = ["firstName", "lastName", "fullName", "company", "email", "groupName"] as const;

export const GroupEmailDraft = z.object({
  groupIds: z.array(Id).min(1, "Pick at least one group").max(50),
  subject: EmailSubject,
  body: EmailBody,
});
export type GroupEmailDraft = z.input<typeof GroupEmailDraft>;

export const GroupEmailPreviewInput = GroupEmailDraft.extend({ previewUserId: Id.optional() });

export const GroupEmailPreview = z.object({
  recipients: z.number(),
  skipped: z.array(z.object({ reason: z.string(), count: z.number() })),
  /** The email as `sample.userId` gets it (a chosen member, or the first recipient). */
  sample: z.object({ userId: z.number(), to: z.string(), subject: z.string(), html: z.string(), text: z.string() }).nullable(),
});
export type GroupEmailPreview = z.infer<typeof GroupEmailPreview>;

export const GroupEmailSendInput = GroupEmailDraft.extend({ expectedRecipients: z.number().int().min(0) });

export const GroupEmailSummary = z.object({
  id: z.number(),
  subject: z.string(),
  groupNames: z.array(z.string()),
  recipientCount: z.number(),
  skippedCount: z.number(),
  createdAt: z.date(),
  delivery: z.object({ queued: z.number(), sending: z.number(), sent: z.number(), failed: z.number() }),
});
export type GroupEmailSummary = z.infer<typeof GroupEmailSummary>;

export const GroupEmailRecipient = z.object({
  userId: z.number(),
  email: z.string(),
  name: z.string(),
  status: z.enum(["queued", "sending", "sent", "failed", "unknown"]),
  lastError: z.string().nullable(),
});
export const GroupEmailDetail = GroupEmailSummary.extend({ body: z.string(), recipients: z.array(GroupEmailRecipient), more: z.boolean() });
export type GroupEmailDetail = z.infer<typeof GroupEmailDetail>;
