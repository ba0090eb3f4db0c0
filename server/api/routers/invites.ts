import { z } from "zod";
import {
  InviteAcceptInput,
  InviteCreateInput,
  InviteCreateResult,
  InviteForUserInput,
  InviteIdInput,
  InviteLinkState,
  InviteListInput,
  InviteListOutput,
  InviteTokenInput,
} from "@/server/schemas/invites";
import { acceptInvite, checkInviteLink } from "@/server/services/invites/accept";
import { createInvites, inviteUser, listInvites, resendInvite, revokeInvite } from "@/server/services/invites/invites";
import { adminProcedure, publicProcedure, router } from "../trpc";

export const invitesRouter = router({
  list: adminProcedure.input(InviteListInput).output(InviteListOutput).query(({ ctx, input }) => listInvites({ ctx: ctx.svc, input })),
  /** One or many pasted addresses; each says whether it was invited or why not. */
  create: adminProcedure.input(InviteCreateInput).output(InviteCreateResult).mutation(({ ctx, input }) => createInvites({ ctx: ctx.svc, input })),
  /** "Send invite" for a record just created by hand. */
  createForUser: adminProcedure.input(InviteForUserInput).output(InviteCreateResult).mutation(({ ctx, input }) => inviteUser({ ctx: ctx.svc, input })),
  resend: adminProcedure
    .input(InviteIdInput)
    .output(z.object({ id: z.number(), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => resendInvite({ ctx: ctx.svc, input })),
  revoke: adminProcedure.input(InviteIdInput).output(z.object({ id: z.number() })).mutation(({ ctx, input }) => revokeInvite({ ctx: ctx.svc, input })),
  /** The invitee's page: whether the link can still be used, and who sent it. */
  checkLink: publicProcedure.input(InviteTokenInput).output(InviteLinkState).query(({ ctx, input }) => checkInviteLink({ ctx: ctx.svc, input })),
  accept: publicProcedure
    .input(InviteAcceptInput)
    .output(z.object({ userId: z.number(), email: z.string() }))
    .mutation(({ ctx, input }) => acceptInvite({ ctx: ctx.svc, input })),
});
