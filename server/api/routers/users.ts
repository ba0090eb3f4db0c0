import { z } from "zod";
import {
  BulkApplyInput,
  BulkInput,
  BulkPreview,
  UserCreateInput,
  UserDeleteInput,
  UserListFilter,
  UserListInput,
  UserListOutput,
  UserRecord,
  UserSetStatusInput,
  UserSummary,
  UserUpdateInput,
} from "@/server/schemas/users";
import { Id } from "@/server/schemas/common";
import { applyBulk, previewBulk } from "@/server/services/users/bulk";
import { deleteUser } from "@/server/services/users/delete";
import { countUsers, listUsers } from "@/server/services/users/list";
import { createUser, getUser, setUserStatus, updateUser } from "@/server/services/users/record";
import { userSummary } from "@/server/services/users/summary";
import { adminProcedure, router, staffProcedure } from "../trpc";

export const usersRouter = router({
  summary: staffProcedure.output(UserSummary).query(({ ctx }) => userSummary({ ctx: ctx.svc })),
  list: staffProcedure
    .input(UserListInput)
    .output(UserListOutput)
    .query(({ ctx, input }) => listUsers({ ctx: ctx.svc, input })),
  count: staffProcedure
    .input(z.object({ filter: UserListFilter.default({}), exact: z.boolean().optional() }))
    .output(z.object({ count: z.number(), capped: z.boolean() }))
    .query(({ ctx, input }) => countUsers({ ctx: ctx.svc, input })),
  get: staffProcedure
    .input(z.object({ id: Id }))
    .output(UserRecord)
    .query(({ ctx, input }) => getUser({ ctx: ctx.svc, input })),
  create: adminProcedure
    .input(UserCreateInput)
    .output(z.object({ id: z.number() }))
    .mutation(({ ctx, input }) => createUser({ ctx: ctx.svc, input })),
  update: adminProcedure
    .input(UserUpdateInput)
    .output(UserRecord)
    .mutation(({ ctx, input }) => updateUser({ ctx: ctx.svc, input })),
  setStatus: adminProcedure
    .input(UserSetStatusInput)
    .output(UserRecord)
    .mutation(({ ctx, input }) => setUserStatus({ ctx: ctx.svc, input })),
  delete: adminProcedure
    .input(UserDeleteInput)
    .output(z.object({ mode: z.enum(["anonymise", "delete"]) }))
    .mutation(({ ctx, input }) => deleteUser({ ctx: ctx.svc, input })),
  bulk: router({
    preview: adminProcedure
      .input(BulkInput)
      .output(BulkPreview)
      .query(({ ctx, input }) => previewBulk({ ctx: ctx.svc, input })),
    execute: adminProcedure
      .input(BulkApplyInput)
      .output(z.object({ changed: z.number() }))
      .mutation(({ ctx, input }) => applyBulk({ ctx: ctx.svc, input })),
  }),
});
