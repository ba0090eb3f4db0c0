import { jsonError } from "@/server/api/rest";
import { findUnstorableText } from "@/server/api/input-guards";
import { routeContext } from "@/server/api/route-context";
import { isCrossSite } from "@/server/security/origin";
import { EXPORT_ROWS_HEADER, UsersExportInput } from "@/server/schemas/exports";
import { ValidationError } from "@/server/services/core/errors";
import { exportUsers } from "@/server/services/users/export";

export const dynamic = "force-dynamic";
// A million rows take seconds to stream; never cut a download short on platforms that honour this.
export const maxDuration = 300;

/** Admins and owners only: an export takes personal data out of the system (managers read users on screen). */
const EXPORT_ROLES = new Set(["owner", "admin"]);

function fromQuery(url: URL): unknown {
  const list = (name: string) => url.searchParams.get(name)?.split(",").map((v) => v.trim()).filter(Boolean);
  let filter: unknown;
  const rawFilter = url.searchParams.get("filter");
  if (rawFilter) {
    try {
      filter = JSON.parse(rawFilter);
    } catch {
      throw new ValidationError("filter", "is not valid JSON");
    }
  }
  const ids = list("ids")?.map(Number);
  return { filter, ids, columns: list("columns") };
}

async function handle(request: Request): Promise<Response> {
  if (isCrossSite(request)) return jsonError(403, "forbidden", "Cross-site request refused.");
  try {
    const ctx = await routeContext(request);
    if (!ctx.session) return jsonError(401, "unauthorized", "Sign in to continue.");
    if (ctx.session.user.mustChangePassword) {
      return jsonError(403, "forbidden", "Change your temporary password before doing anything else.");
    }
    if (!EXPORT_ROLES.has(ctx.session.user.role)) return jsonError(403, "forbidden", "Only admins and owners may export users.");

    let body: unknown;
    if (request.method === "POST") {
      try {
        body = await request.json();
      } catch {
        return jsonError(400, "invalid_json", "The request body is not valid JSON.");
      }
    } else {
      body = fromQuery(new URL(request.url));
    }
    const bad = findUnstorableText(body);
    if (bad) return jsonError(400, "invalid_request", `${bad.path}: ${bad.message}`, [bad]);
    const parsed = UsersExportInput.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
      return jsonError(400, "invalid_request", fields.map((f) => `${f.path}: ${f.message}`).slice(0, 5).join("; "), fields);
    }

    const out = await exportUsers({ ctx: { db: ctx.db, actor: ctx.session.user, ip: ctx.ip }, input: parsed.data });
    return new Response(out.stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${out.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        [EXPORT_ROWS_HEADER]: String(out.rows),
      },
    });
  } catch (err) {
    if (err instanceof ValidationError) {
      return jsonError(400, "invalid_request", err.message, [{ path: err.field, message: err.message.replace(`${err.field}: `, "") }]);
    }
    console.error("[export]", err);
    return jsonError(500, "internal", "The export failed on our side. Try again; if it keeps happening, tell an administrator.");
  }
}

export { handle as GET, handle as POST };
