import { auditEvents, timelineEvents } from "@/db/schema";
import type { ServiceContext } from "./context";

const SECRET_KEYS = /pass(word)?|secret|token|hash|api[-_]?key/i;

function scrub(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(scrub);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  // A field-change entry ({ field, before, after }) about a secret keeps its name, not its values.
  const secretField = typeof obj.field === "string" && SECRET_KEYS.test(obj.field);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (SECRET_KEYS.test(k)) continue;
    if (secretField && (k === "before" || k === "after")) continue;
    out[k] = scrub(v);
  }
  return out;
}

/** Drops anything that looks like a credential, at any depth, before it is written to a log. */
export function redact(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return scrub(value) as Record<string, unknown>;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export async function recordAudit(ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await ctx.db.insert(auditEvents).values({
    actorId: ctx.actor?.id ?? null,
    actorEmail: ctx.actor?.email ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    before: redact(entry.before),
    after: redact(entry.after),
    ip: ctx.ip,
  });
}

export interface TimelineEntry {
  userId: number;
  kind: string;
  summary: string;
  data?: Record<string, unknown>;
}

export async function recordTimeline(ctx: ServiceContext, entries: TimelineEntry | TimelineEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  // Large bulk changes write in chunks to stay under the bind-parameter limit.
  for (let i = 0; i < list.length; i += 5000) {
    await ctx.db.insert(timelineEvents).values(
      list.slice(i, i + 5000).map((e) => ({
        userId: e.userId,
        kind: e.kind,
        summary: e.summary,
        data: redact(e.data) ?? {},
        actorId: ctx.actor?.id ?? null,
      })),
    );
  }
}
