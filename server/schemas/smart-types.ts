import { z } from "zod";
import { Id } from "./common";

const Name = z.string().trim().min(1, "Enter a name").max(60, "Use at most 60 characters");

export const SmartType = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  position: z.number(),
  groups: z.array(z.object({ id: z.number(), name: z.string() })),
  userCount: z.number(),
});
export type SmartType = z.infer<typeof SmartType>;

/**
 * A whole proposed configuration, in priority order (first = highest). `id` null is a type not yet
 * created. Previews and saves take the same shape, so the preview's count is what the save changes.
 */
export const SmartTypeLayout = z.object({
  items: z
    .array(z.object({ id: Id.nullable(), groupIds: z.array(Id).max(200) }))
    .max(100, "Use at most 100 smart types"),
});
export type SmartTypeLayout = z.input<typeof SmartTypeLayout>;

export const SmartTypePreview = z.object({
  /** Users whose smart type would be different after the change. */
  changes: z.number(),
  /** Per resulting position: how many users would have that type. */
  counts: z.array(z.number()),
});
export type SmartTypePreview = z.infer<typeof SmartTypePreview>;

export const SmartTypeCreateInput = z.object({
  name: Name,
  description: z.string().trim().max(500).default(""),
  groupIds: z.array(Id).max(200).default([]),
  expectedChanges: z.number().int().min(0).optional(),
});
export type SmartTypeCreateInput = z.input<typeof SmartTypeCreateInput>;

export const SmartTypeUpdateInput = z.object({
  id: Id,
  name: Name.optional(),
  description: z.string().trim().max(500).optional(),
  groupIds: z.array(Id).max(200).optional(),
  expectedChanges: z.number().int().min(0).optional(),
});
export type SmartTypeUpdateInput = z.input<typeof SmartTypeUpdateInput>;

export const SmartTypeReorderInput = z.object({
  ids: z.array(Id).min(1).max(100),
  /** The preview's `changes` the admin saw; refused if the data moved since. */
  expectedChanges: z.number().int().min(0).optional(),
});

export const SmartTypeReport = z.object({
  rows: z.array(z.object({ id: z.number(), name: z.string(), position: z.number(), users: z.number() })),
  /** Users who have a smart type: exactly the sum of rows. */
  typedUsers: z.number(),
  untypedUsers: z.number(),
});
export type SmartTypeReport = z.infer<typeof SmartTypeReport>;
