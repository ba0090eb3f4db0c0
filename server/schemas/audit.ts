import { z } from "zod";
import { Id } from "./common";

/** Empty strings (a cleared URL parameter or input) mean "no filter". */
const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the format YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: "Enter a real date",
  });

/** Filters of the audit log; dates are whole UTC days, `to` inclusive. */
export const AuditFilter = z.object({
  /** Matches an action name, a staff member's email, a target type, or an exact target id. */
  q: Optional(200),
  action: Optional(100),
  actorId: Id.optional(),
  targetType: Optional(60),
  targetId: Optional(100),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditListInput = AuditFilter.extend({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
}).refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "must be on or after the start date" });
export type AuditListInput = z.input<typeof AuditListInput>;

export const AuditItem = z.object({
  id: z.number(),
  createdAt: z.date(),
  actorId: z.number().nullable(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export type AuditItem = z.infer<typeof AuditItem>;

export const AuditListOutput = z.object({ items: z.array(AuditItem), nextCursor: z.string().nullable() });
export type AuditListOutput = z.infer<typeof AuditListOutput>;

/** The distinct actions and target types on record: the choices of the filter menus. */
export const AuditFacets = z.object({ actions: z.array(z.string()), targetTypes: z.array(z.string()) });
export type AuditFacets = z.infer<typeof AuditFacets>;
