/** Typed service errors; the API layer maps each to one transport code in one place. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFoundError extends ServiceError {}
export class ForbiddenError extends ServiceError {}
export class UnauthorizedError extends ServiceError {}
export class ConflictError extends ServiceError {}
export class TooManyRequestsError extends ServiceError {}
/** Bad input that passed the schema but not a business rule; `field` names what to fix. */
export class ValidationError extends ServiceError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`, { field });
  }
}

/** Postgres unique violation (23505), as thrown by either driver. */
export function isUniqueViolation(err: unknown): err is { code: string; constraint_name?: string; constraint?: string } {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
