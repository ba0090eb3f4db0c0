import { z } from "zod";
import { revokeUserSessions } from "@/server/services/auth/sessions";
import { withTransaction } from "@/server/services/core/context";
import { authedProcedure, router } from "../trpc";

export const sessionRouter = router({
  /** Who is signed in, on which session. */
  me: authedProcedure
    .output(
      z.object({
        id: z.number(),
        email: z.string(),
        name: z.string(),
        role: z.enum(["owner", "admin", "manager", "customer"]),
        sessionId: z.string(),
        mustChangePassword: z.boolean(),
      }),
    )
    .query(({ ctx }) => ({
      id: ctx.session.user.id,
      email: ctx.session.user.email,
      name: ctx.session.user.name,
      role: ctx.session.user.role,
      sessionId: ctx.session.sessionId,
      mustChangePassword: ctx.session.user.mustChangePassword,
    })),

  /** "Log out other devices": ends every other session of the caller; this one stays signed in. */
  revokeOthers: authedProcedure
    .output(z.object({ revoked: z.number().int().nonnegative() }))
    .mutation(async ({ ctx }) => {
      // The revocation and its audit row commit together.
      const revoked = await withTransaction(ctx.svc, (svc) =>
        revokeUserSessions(svc, ctx.session.user.id, "log out other devices", ctx.session.sessionId),
      );
      return { revoked };
    }),
});
