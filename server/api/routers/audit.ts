import { AuditFacets, AuditListInput, AuditListOutput } from "@/server/schemas/audit";
import { auditFacets, listAudit } from "@/server/services/audit/list";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure.input(AuditListInput).output(AuditListOutput).query(({ ctx, input }) => listAudit({ ctx: ctx.svc, input })),
  /** The actions and target types on record, for the filter menus. */
  facets: adminProcedure.output(AuditFacets).query(({ ctx }) => auditFacets({ ctx: ctx.svc })),
});
