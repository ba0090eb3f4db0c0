import { sql } from "drizzle-orm";
import type { BulkAction } from "@/server/schemas/users";
import { ValidationError } from "../core/errors";
import type { ServiceContext } from "../core/context";
import { registerBulkAction } from "../users/bulk";
import { loadTag, tagWhere, untagWhere } from "../tags/tags";
import { addMembersWhere, removeMembersWhere } from "./members";
import { loadGroup } from "./groups";

/** Bulk add/remove group and tag (U3). Imported for its side effect by the groups and tags routers. */
async function group(ctx: ServiceContext, id: number) {
  try {
    return await loadGroup(ctx, id);
  } catch {
    throw new ValidationError("action.groupId", "is not a group");
  }
}
async function tag(ctx: ServiceContext, id: number) {
  try {
    return await loadTag(ctx, id);
  } catch {
    throw new ValidationError("action.tagId", "is not a tag");
  }
}

const inGroup = (id: number) => sql`EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = ${id} AND gm.user_id = id)`;
const hasTag = (id: number) => sql`EXISTS (SELECT 1 FROM user_tags ut WHERE ut.tag_id = ${id} AND ut.user_id = id)`;

registerBulkAction<Extract<BulkAction, { type: "addGroup" }>>("addGroup", {
  changes: async (ctx, a) => sql`NOT ${inGroup((await group(ctx, a.groupId)).id)}`,
  describe: (a) => `add to group ${a.groupId}`,
  apply: async (ctx, a, where) => addMembersWhere(ctx, await group(ctx, a.groupId), where, true),
});

registerBulkAction<Extract<BulkAction, { type: "removeGroup" }>>("removeGroup", {
  changes: async (ctx, a) => inGroup((await group(ctx, a.groupId)).id),
  describe: (a) => `remove from group ${a.groupId}`,
  apply: async (ctx, a, where) => removeMembersWhere(ctx, await group(ctx, a.groupId), where, true),
});

registerBulkAction<Extract<BulkAction, { type: "addTag" }>>("addTag", {
  changes: async (ctx, a) => sql`NOT ${hasTag((await tag(ctx, a.tagId)).id)}`,
  describe: (a) => `add tag ${a.tagId}`,
  apply: async (ctx, a, where) => tagWhere(ctx, await tag(ctx, a.tagId), where, true),
});

registerBulkAction<Extract<BulkAction, { type: "removeTag" }>>("removeTag", {
  changes: async (ctx, a) => hasTag((await tag(ctx, a.tagId)).id),
  describe: (a) => `remove tag ${a.tagId}`,
  apply: async (ctx, a, where) => untagWhere(ctx, await tag(ctx, a.tagId), where, true),
});
