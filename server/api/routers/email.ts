import { z } from "zod";
import { Id } from "@/server/schemas/common";
import { MailboxMessage, MessageInput, MessagePreview, OutboxItem, OutboxListInput, OutboxListOutput } from "@/server/schemas/email";
import { ConfirmResult, TokenInput } from "@/server/schemas/passwords";
import { confirmEmailToken } from "@/server/services/email/confirmations";
import { previewMessage, sendMessage } from "@/server/services/email/messages";
import { listMailbox, listOutbox, retryEmail } from "@/server/services/email/outbox";
import { adminProcedure, ownerProcedure, publicProcedure, router } from "../trpc";

export const emailRouter = router({
  outbox: router({
    list: adminProcedure.input(OutboxListInput).output(OutboxListOutput).query(({ ctx, input }) => listOutbox({ ctx: ctx.svc, input })),
    retry: adminProcedure.input(z.object({ id: Id })).output(OutboxItem).mutation(({ ctx, input }) => retryEmail({ ctx: ctx.svc, input })),
  }),
  /** Development only (NOT_FOUND otherwise): the messages the local mailbox received. */
  mailbox: router({
    list: ownerProcedure.output(z.array(MailboxMessage)).query(({ ctx }) => listMailbox({ ctx: ctx.svc })),
  }),
  /** U9: one email to one user from the record. */
  messages: router({
    // A read, but a mutation: its input is a whole message body, too long for a GET URL.
    preview: adminProcedure.input(MessageInput).output(MessagePreview).mutation(({ ctx, input }) => previewMessage({ ctx: ctx.svc, input })),
    send: adminProcedure
      .input(MessageInput)
      .output(z.object({ outboxId: z.number(), timelineEventId: z.number() }))
      .mutation(({ ctx, input }) => sendMessage({ ctx: ctx.svc, input })),
  }),
  /** The double opt-in link (/confirm/[token]): confirms the address or the newsletter subscription. */
  confirm: publicProcedure.input(TokenInput).output(ConfirmResult).mutation(({ ctx, input }) => confirmEmailToken({ ctx: ctx.svc, input })),
});
