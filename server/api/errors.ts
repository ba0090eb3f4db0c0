import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServiceError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  isUniqueViolation,
} from "@/server/services/core/errors";
import { BAD_VALUE_MESSAGE, isBadValueError } from "./input-guards";

/** The one mapping from service errors (and unique violations) to tRPC codes. */
export function toTRPCError(err: unknown): TRPCError | null {
  if (err instanceof TRPCError && err.cause instanceof ZodError) {
    // Input validation: say which fields are wrong in words, for every client (HTTP or caller).
    return new TRPCError({ code: "BAD_REQUEST", message: zodMessage(err.cause), cause: err.cause });
  }
  if (err instanceof TRPCError && !(err.cause instanceof ServiceError) && !isUniqueViolation(err.cause) && !isBadValueError(err.cause)) {
    return err;
  }
  const cause = err instanceof TRPCError ? err.cause : err;
  const code = codeFor(cause);
  if (!code) return null;
  const message =
    code === "CONFLICT" && !(cause instanceof ServiceError)
      ? "That value is already in use."
      : code === "BAD_REQUEST" && !(cause instanceof ServiceError)
        ? BAD_VALUE_MESSAGE
        : (cause as Error).message;
  return new TRPCError({ code, message, cause: cause as Error });
}

function codeFor(err: unknown): TRPC_ERROR_CODE_KEY | null {
  if (err instanceof NotFoundError) return "NOT_FOUND";
  if (err instanceof ForbiddenError) return "FORBIDDEN";
  if (err instanceof UnauthorizedError) return "UNAUTHORIZED";
  if (err instanceof ConflictError) return "CONFLICT";
  if (err instanceof ValidationError) return "BAD_REQUEST";
  if (err instanceof TooManyRequestsError) return "TOO_MANY_REQUESTS";
  if (isUniqueViolation(err)) return "CONFLICT";
  if (isBadValueError(err)) return "BAD_REQUEST";
  return null;
}

export function zodMessage(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}
