import { ImportExecuteInput, ImportPreviewInput, ImportReport, ImportResult } from "@/server/schemas/imports";
import { executeImport, previewImport } from "@/server/services/imports/execute";
import { adminProcedure, router } from "../trpc";

export const importsRouter = router({
  /** The dry run: a mutation because it carries the whole file (up to 20 MB), though it changes nothing. */
  preview: adminProcedure
    .input(ImportPreviewInput)
    .output(ImportReport)
    .mutation(({ ctx, input }) => previewImport({ ctx: ctx.svc, input })),
  execute: adminProcedure
    .input(ImportExecuteInput)
    .output(ImportResult)
    .mutation(({ ctx, input }) => executeImport({ ctx: ctx.svc, input })),
});
