import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Database } from "@/db/client";
import type { SessionInfo } from "@/server/services/auth/sessions";
import type { ActorContext, ServiceContext } from "@/server/services/core/context";
import { ValidationError } from "@/server/services/core/errors";
import type { Role, Tier } from "@/server/schemas/common";
import { toTRPCError, zodMessage } from "./errors";
import { findUnstorableText } from "./input-guards";

export interface TRPCContext {
  db: Database;
  session: SessionInfo | null;
  ip: string | null;
  userAgent: string | null;
}

export interface ProcedureMeta {
  /** Who may call it; the authorization test enumerates every procedure by this. */
  tier: Tier;
}

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      const field = error.cause instanceof ValidationError ? error.cause.field : null;
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error("[trpc]", error.cause ?? error);
      }
      return {
        ...shape,
        message:
          error.code === "INTERNAL_SERVER_ERROR"
            ? "Something went wrong on our side. Try again; if it keeps happening, tell an administrator."
            : zod
              ? zodMessage(zod)
              : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: zod
            ? Object.fromEntries(zod.issues.map((i) => [i.path.join(".") || "_", i.message]))
            : field
              ? { [field]: error.message }
              : null,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped && mapped !== result.error) throw mapped;
  }
  return result;
});

/** Text PostgreSQL cannot store (NUL, lone surrogates): refused up front, naming the field, instead of failing the query. */
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const bad = findUnstorableText(await getRawInput());
  if (bad) throw new ValidationError(bad.path, bad.message);
  return next();
});

function serviceContext(ctx: TRPCContext): ServiceContext {
  return { db: ctx.db, actor: ctx.session?.user ?? null, ip: ctx.ip };
}

const baseProcedure = t.procedure
  .meta({ tier: "public" })
  .use(mapErrors)
  .use(({ ctx, next }) => next({ ctx: { svc: serviceContext(ctx) } }));

// Each tier checks its callers first and the input second, so a refused caller learns nothing from the input check.
export const publicProcedure = baseProcedure.use(refuseUnstorableText);

/** What a user holding a temporary password may still do before changing it. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(["session.me", "passwords.change"]);

const signedInProcedure = baseProcedure.meta({ tier: "authed" }).use(({ ctx, next, path }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (ctx.session.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(path)) {
    // Pages redirect such users; the API refuses too, so a temporary password opens nothing else.
    throw new TRPCError({ code: "FORBIDDEN", message: "Change your temporary password before doing anything else." });
  }
  const svc: ActorContext = { ...ctx.svc, actor: ctx.session.user };
  return next({ ctx: { session: ctx.session, svc } });
});
export const authedProcedure = signedInProcedure.use(refuseUnstorableText);

function requireRoles(roles: readonly Role[]) {
  return t.middleware(({ ctx, next }) => {
    const role = (ctx as { session?: SessionInfo | null }).session?.user.role;
    if (!role || !roles.includes(role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next();
  });
}

export const staffProcedure = signedInProcedure.meta({ tier: "staff" }).use(requireRoles(["owner", "admin", "manager"])).use(refuseUnstorableText);
export const adminProcedure = signedInProcedure.meta({ tier: "admin" }).use(requireRoles(["owner", "admin"])).use(refuseUnstorableText);
export const ownerProcedure = signedInProcedure.meta({ tier: "owner" }).use(requireRoles(["owner"])).use(refuseUnstorableText);
