import { z } from "zod";
import { Id } from "./common";

/** Palette keys, each rendered as a text/background pair that reaches WCAG AA contrast. */
export const TAG_COLOURS = ["slate", "red", "amber", "green", "teal", "blue", "violet", "pink"] as const;
export const TagColour = z.enum(TAG_COLOURS, { message: `Pick one of: ${TAG_COLOURS.join(", ")}` });
export type TagColour = z.infer<typeof TagColour>;

const Name = z.string().trim().min(1, "Enter a name").max(50, "Use at most 50 characters");

export const Tag = z.object({ id: z.number(), name: z.string(), colour: z.string(), userCount: z.number(), createdAt: z.date() });
export type Tag = z.infer<typeof Tag>;

export const TagCreateInput = z.object({ name: Name, colour: TagColour.default("slate") });
export type TagCreateInput = z.input<typeof TagCreateInput>;
export const TagUpdateInput = z.object({ id: Id, name: Name.optional(), colour: TagColour.optional() });
export type TagUpdateInput = z.input<typeof TagUpdateInput>;

export const UserTagSet = z.object({ userId: Id, tagId: Id });
