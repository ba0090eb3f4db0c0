import { z } from "zod";
import { Id } from "@/server/schemas/common";
import {
  SmartType,
  SmartTypeCreateInput,
  SmartTypeLayout,
  SmartTypePreview,
  SmartTypeReorderInput,
  SmartTypeReport,
  SmartTypeUpdateInput,
} from "@/server/schemas/smart-types";
import {
  createSmartType,
  deleteSmartType,
  listSmartTypes,
  previewSmartTypeDelete,
  previewSmartTypes,
  reorderSmartTypes,
  smartTypeReport,
  updateSmartType,
} from "@/server/services/groups/smart-types";
import { adminProcedure, router, staffProcedure } from "../trpc";

const Saved = z.object({ id: z.number(), changed: z.number() });

export const smartTypesRouter = router({
  list: staffProcedure.output(z.array(SmartType)).query(({ ctx }) => listSmartTypes({ ctx: ctx.svc })),
  /** How many users a proposed layout changes; admins only, since only they can save one. */
  preview: adminProcedure
    .input(SmartTypeLayout)
    .output(SmartTypePreview)
    .query(({ ctx, input }) => previewSmartTypes({ ctx: ctx.svc, input })),
  create: adminProcedure.input(SmartTypeCreateInput).output(Saved).mutation(({ ctx, input }) => createSmartType({ ctx: ctx.svc, input })),
  update: adminProcedure.input(SmartTypeUpdateInput).output(Saved).mutation(({ ctx, input }) => updateSmartType({ ctx: ctx.svc, input })),
  reorder: adminProcedure
    .input(SmartTypeReorderInput)
    .output(z.object({ changed: z.number() }))
    .mutation(({ ctx, input }) => reorderSmartTypes({ ctx: ctx.svc, input })),
  deletePreview: adminProcedure
    .input(z.object({ id: Id }))
    .output(SmartTypePreview)
    .query(({ ctx, input }) => previewSmartTypeDelete({ ctx: ctx.svc, input })),
  delete: adminProcedure
    .input(z.object({ id: Id, expectedChanges: z.number().int().min(0).optional() }))
    .output(z.object({ changed: z.number() }))
    .mutation(({ ctx, input }) => deleteSmartType({ ctx: ctx.svc, input })),
  report: staffProcedure.output(SmartTypeReport).query(({ ctx }) => smartTypeReport({ ctx: ctx.svc })),
});
