import "server-only";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { getDb } from "@/server/db";
import { clientIp } from "@/server/auth/request-info";
import { authenticateApiKey, type ApiKeyIdentity } from "@/server/services/commerce/api-keys";
import type { ServiceContext } from "@/server/services/core/context";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation } from "@/server/services/core/errors";
import { BAD_VALUE_MESSAGE, findUnstorableText, isBadValueError } from "./input-guards";

/**
 * The REST API for the storefront (/api/v1/…): API-key auth, JSON in and out, zod validation with
 * field paths, and the same service errors as tRPC mapped to HTTP statuses. Handlers stay one line:
 *
 *   export const POST = apiRoute(OrderIngest, ({ ctx, input }) => ingestOrder({ ctx, input }));
 */

// Tests point route handlers at their rolled-back transaction; everything else uses the app database.
let databaseOverride: Database | null = null;
export function setRestDatabase(db: Database | null): void {
  databaseOverride = db;
}
const restDatabase = () => (databaseOverride ? Promise.resolve(databaseOverride) : getDb());

export interface RestError {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

export function jsonError(status: number, code: string, message: string, fields?: RestError["error"]["fields"]): Response {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } } satisfies RestError, {
    status,
    headers: status === 401 ? { "WWW-Authenticate": 'Bearer realm="api"' } : undefined,
  });
}

export interface RestArgs<I> {
  ctx: ServiceContext;
  input: I;
  key: ApiKeyIdentity;
  request: Request;
}

/** A handler's answer, sent as the JSON body: 201 when something was created, else 200. */
export interface RestResult {
  result: "created" | "updated" | "unchanged";
  [field: string]: unknown;
}

/** Checks the bearer key; null (and a ready 401) when it is missing, unknown or revoked. */
export async function requireApiKey(request: Request, db: Database): Promise<ApiKeyIdentity | Response> {
  const key = await authenticateApiKey(db, request.headers.get("authorization"));
  return key ?? jsonError(401, "unauthorized", "Missing, unknown or revoked API key. Send it as: Authorization: Bearer <key>");
}

export function apiRoute<S extends z.ZodType>(schema: S, handler: (args: RestArgs<z.output<S>>) => Promise<RestResult>) {
  return async (request: Request): Promise<Response> => {
    try {
      const db = await restDatabase();
      const key = await requireApiKey(request, db);
      if (key instanceof Response) return key;
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return jsonError(400, "invalid_json", "The request body is not valid JSON.");
      }
      const bad = findUnstorableText(body);
      if (bad) return jsonError(400, "invalid_request", `${bad.path}: ${bad.message}`, [bad]);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
        return jsonError(400, "invalid_request", fields.map((f) => `${f.path}: ${f.message}`).slice(0, 5).join("; "), fields);
      }
      const ctx: ServiceContext = { db, actor: null, ip: clientIp(request.headers) };
      const out = await handler({ ctx, input: parsed.data, key, request });
      return Response.json(out, { status: out.result === "created" ? 201 : 200 });
    } catch (err) {
      if (err instanceof ValidationError) {
        return jsonError(400, "invalid_request", err.message, [{ path: err.field, message: err.message.replace(`${err.field}: `, "") }]);
      }
      if (err instanceof NotFoundError) return jsonError(404, "not_found", err.message);
      if (isBadValueError(err)) return jsonError(400, "invalid_request", BAD_VALUE_MESSAGE);
      if (err instanceof ConflictError || isUniqueViolation(err)) {
        return jsonError(409, "conflict", err instanceof ConflictError ? err.message : "A concurrent request wrote the same record; retry.");
      }
      console.error("[api/v1]", err);
      return jsonError(500, "internal", "Something went wrong on our side. Retry later; the request is safe to repeat.");
    }
  };
}
