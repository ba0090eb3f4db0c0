import { AuditFilter } from "@/server/schemas/audit";

export const AUDIT_PARAMS = ["q", "action", "actorId", "targetType", "targetId", "from", "to"] as const;
export const AUDIT_PAGE_SIZE = 50;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function get(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The audit filter in the URL. Each parameter is checked on its own, so one bad value (a
 * hand-edited date) is dropped instead of blanking the page. Server and client derive the same
 * input from the same URL, which makes the server's prefetch the client's cache hit.
 */
export function parseAuditParams(params: Params): AuditFilter {
  const out: Record<string, unknown> = {};
  for (const key of AUDIT_PARAMS) {
    const raw = get(params, key);
    if (!raw) continue;
    const parsed = AuditFilter.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  if (typeof out.from === "string" && typeof out.to === "string" && out.from > out.to) delete out.to;
  return out as AuditFilter;
}

export function auditListInput(filter: AuditFilter) {
  return { ...filter, limit: AUDIT_PAGE_SIZE };
}

export function hasAuditFilter(filter: AuditFilter): boolean {
  return AUDIT_PARAMS.some((k) => filter[k] !== undefined);
}
