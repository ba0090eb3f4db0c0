import { z } from "zod";
import { Id } from "./common";

export const TIMELINE_KINDS = [
  "created",
  "updated",
  "status",
  "level",
  "comment",
  "login",
  "deleted",
  "anonymised",
  "invite",
  "email",
  "order",
  "quote",
  "prospect",
  "consent",
  "group",
  "tag",
  "password",
] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineListInput = z.object({
  userId: Id,
  kinds: z.array(TimelineKind).max(TIMELINE_KINDS.length).optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(30),
});

export const TimelineItem = z.object({
  id: z.number(),
  userId: z.number(),
  kind: z.string(),
  summary: z.string(),
  /** For field changes: { changes: [{ field, before, after }] }; for comments: { body }. */
  data: z.record(z.string(), z.unknown()),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.date(),
  editedAt: z.date().nullable(),
  /** True when the signed-in staff member wrote this comment (may edit or delete it). */
  mine: z.boolean(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelineListOutput = z.object({ items: z.array(TimelineItem), nextCursor: z.string().nullable() });

export const CommentAddInput = z.object({ userId: Id, body: z.string().trim().min(1, "Write a comment").max(5000) });
export const CommentEditInput = z.object({ id: Id, body: z.string().trim().min(1, "Write a comment").max(5000) });
export const CommentDeleteInput = z.object({ id: Id });
