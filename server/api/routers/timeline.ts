import { z } from "zod";
import {
  CommentAddInput,
  CommentDeleteInput,
  CommentEditInput,
  TimelineItem,
  TimelineListInput,
  TimelineListOutput,
} from "@/server/schemas/timeline";
import { listTimeline } from "@/server/services/timeline/list";
import { addComment, deleteComment, editComment } from "@/server/services/timeline/comments";
import { router, staffProcedure } from "../trpc";

export const timelineRouter = router({
  list: staffProcedure.input(TimelineListInput).output(TimelineListOutput).query(({ ctx, input }) => listTimeline({ ctx: ctx.svc, input })),
  /** Managers may comment too; only a comment's author may edit or delete it. */
  comments: router({
    add: staffProcedure.input(CommentAddInput).output(TimelineItem).mutation(({ ctx, input }) => addComment({ ctx: ctx.svc, input })),
    edit: staffProcedure.input(CommentEditInput).output(TimelineItem).mutation(({ ctx, input }) => editComment({ ctx: ctx.svc, input })),
    delete: staffProcedure
      .input(CommentDeleteInput)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => deleteComment({ ctx: ctx.svc, input })),
  }),
});
