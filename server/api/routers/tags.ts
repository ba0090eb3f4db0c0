import { z } from "zod";
import "@/server/services/groups/bulk-actions";
import { Id } from "@/server/schemas/common";
import { Tag, TagCreateInput, TagUpdateInput, UserTagSet } from "@/server/schemas/tags";
import { assignTag, createTag, deleteTag, listTags, unassignTag, updateTag } from "@/server/services/tags/tags";
import { adminProcedure, router, staffProcedure } from "../trpc";

const Changed = z.object({ changed: z.number() });

export const tagsRouter = router({
  list: staffProcedure.output(z.array(Tag)).query(({ ctx }) => listTags({ ctx: ctx.svc })),
  create: adminProcedure.input(TagCreateInput).output(z.object({ id: z.number() })).mutation(({ ctx, input }) => createTag({ ctx: ctx.svc, input })),
  update: adminProcedure.input(TagUpdateInput).output(z.object({ id: z.number() })).mutation(({ ctx, input }) => updateTag({ ctx: ctx.svc, input })),
  delete: adminProcedure
    .input(z.object({ id: Id }))
    .output(z.object({ removedFrom: z.number() }))
    .mutation(({ ctx, input }) => deleteTag({ ctx: ctx.svc, input })),
  assign: adminProcedure.input(UserTagSet).output(Changed).mutation(({ ctx, input }) => assignTag({ ctx: ctx.svc, input })),
  unassign: adminProcedure.input(UserTagSet).output(Changed).mutation(({ ctx, input }) => unassignTag({ ctx: ctx.svc, input })),
});
