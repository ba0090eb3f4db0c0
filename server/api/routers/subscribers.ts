import { z } from "zod";
import {
  ImportCreateInput,
  ImportIdInput,
  ImportLinesInput,
  ImportLinesOutput,
  ImportResult,
  ImportSummary,
  ImportUploadInput,
} from "@/server/schemas/subscribers";
import { applyImport } from "@/server/services/subscribers/apply";
import { checkImport, createImport, importCsv, importLines, importSummary, uploadLines } from "@/server/services/subscribers/imports";
import { adminProcedure, router } from "../trpc";

/** S1–S4: paste → upload in chunks → check (preview) → execute, each step admin-only. */
export const subscribersRouter = router({
  imports: router({
    create: adminProcedure.input(ImportCreateInput).output(z.object({ id: z.number() })).mutation(({ ctx, input }) => createImport({ ctx: ctx.svc, input })),
    upload: adminProcedure.input(ImportUploadInput).output(z.object({ received: z.number() })).mutation(({ ctx, input }) => uploadLines({ ctx: ctx.svc, input })),
    check: adminProcedure.input(ImportIdInput).output(ImportSummary).mutation(({ ctx, input }) => checkImport({ ctx: ctx.svc, input })),
    get: adminProcedure.input(ImportIdInput).output(ImportSummary).query(({ ctx, input }) => importSummary({ ctx: ctx.svc, input })),
    lines: adminProcedure.input(ImportLinesInput).output(ImportLinesOutput).query(({ ctx, input }) => importLines({ ctx: ctx.svc, input })),
    csv: adminProcedure.input(ImportIdInput).output(z.string()).query(({ ctx, input }) => importCsv({ ctx: ctx.svc, input })),
    execute: adminProcedure.input(ImportIdInput).output(ImportResult).mutation(({ ctx, input }) => applyImport({ ctx: ctx.svc, input })),
  }),
});
