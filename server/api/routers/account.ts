import { z } from "zod";
import {
  AccountPreferences,
  DeletionDismissInput,
  DeletionRequestIdInput,
  DeletionRequestInput,
  DeletionRequestItem,
  DeletionRequestListInput,
  DeletionRequestListOutput,
  MyDeletionRequest,
  PreferencesUpdateInput,
  UserIdInput,
} from "@/server/schemas/account";
import {
  dismissDeletion,
  fulfilDeletion,
  listDeletionRequests,
  myDeletionRequest,
  openRequestForUser,
  requestDeletion,
  withdrawDeletion,
} from "@/server/services/account/deletion";
import { exportMyData } from "@/server/services/account/export";
import { getPreferences, updatePreferences } from "@/server/services/account/preferences";
import { adminProcedure, authedProcedure, router, staffProcedure } from "../trpc";

/** C1/C2: the signed-in person's own data. No procedure here takes a user id. */
export const accountRouter = router({
  preferences: router({
    get: authedProcedure.output(AccountPreferences).query(({ ctx }) => getPreferences({ ctx: ctx.svc })),
    update: authedProcedure.input(PreferencesUpdateInput).output(AccountPreferences).mutation(({ ctx, input }) => updatePreferences({ ctx: ctx.svc, input })),
  }),
  /** Everything held about me as one JSON document (no staff comments, no audit log, no secrets). */
  export: authedProcedure.output(z.record(z.string(), z.unknown())).query(({ ctx }) => exportMyData({ ctx: ctx.svc })),
  deletion: router({
    get: authedProcedure.output(MyDeletionRequest).query(({ ctx }) => myDeletionRequest({ ctx: ctx.svc })),
    request: authedProcedure.input(DeletionRequestInput).output(z.object({ id: z.number() })).mutation(({ ctx, input }) => requestDeletion({ ctx: ctx.svc, input })),
    withdraw: authedProcedure.output(z.object({ id: z.number() })).mutation(({ ctx }) => withdrawDeletion({ ctx: ctx.svc })),
  }),
});

/** Staff side of C2: see requests; admins fulfil them (anonymise) or decline them. */
export const deletionRequestsRouter = router({
  list: staffProcedure.input(DeletionRequestListInput).output(DeletionRequestListOutput).query(({ ctx, input }) => listDeletionRequests({ ctx: ctx.svc, input })),
  forUser: staffProcedure.input(UserIdInput).output(DeletionRequestItem.nullable()).query(({ ctx, input }) => openRequestForUser({ ctx: ctx.svc, input })),
  fulfil: adminProcedure
    .input(DeletionRequestIdInput)
    .output(z.object({ id: z.number(), userId: z.number() }))
    .mutation(({ ctx, input }) => fulfilDeletion({ ctx: ctx.svc, input })),
  dismiss: adminProcedure.input(DeletionDismissInput).output(z.object({ id: z.number() })).mutation(({ ctx, input }) => dismissDeletion({ ctx: ctx.svc, input })),
});
