import { z } from "zod";
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
});
