import { z } from "zod";
import {
  ChangePasswordInput,
  ForgotPasswordInput,
  ForgotPasswordResult,
  PasswordChangeResult,
  ResetPasswordInput,
  SendResetLinkInput,
  SetTemporaryPasswordInput,
  TokenInput,
  TokenState,
} from "@/server/schemas/passwords";
import {
  changePassword,
  checkResetToken,
  requestPasswordReset,
  resetPassword,
  sendResetLink,
  setTemporaryPassword,
} from "@/server/services/auth/passwords";
import { adminProcedure, authedProcedure, publicProcedure, router } from "../trpc";

export const passwordsRouter = router({
  /** "Forgot password": the same answer whether or not the address has an account. */
  requestReset: publicProcedure
    .input(ForgotPasswordInput)
    .output(ForgotPasswordResult)
    .mutation(({ ctx, input }) => requestPasswordReset({ ctx: ctx.svc, input })),
  checkToken: publicProcedure.input(TokenInput).output(TokenState).query(({ ctx, input }) => checkResetToken({ ctx: ctx.svc, input })),
  reset: publicProcedure.input(ResetPasswordInput).output(PasswordChangeResult).mutation(({ ctx, input }) => resetPassword({ ctx: ctx.svc, input })),
  /** Change one's own password; every other session of the account ends. */
  change: authedProcedure.input(ChangePasswordInput).output(PasswordChangeResult).mutation(({ ctx, input }) => changePassword({ ctx: ctx.svc, input })),
  sendResetLink: adminProcedure
    .input(SendResetLinkInput)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => sendResetLink({ ctx: ctx.svc, input })),
  setTemporary: adminProcedure
    .input(SetTemporaryPasswordInput)
    .output(PasswordChangeResult)
    .mutation(({ ctx, input }) => setTemporaryPassword({ ctx: ctx.svc, input })),
});
