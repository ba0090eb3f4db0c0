import { z } from "zod";
import { Id } from "@/server/schemas/common";
import {
  OrderListOutput,
  QuoteListOutput,
  RecordListInput,
  SalesReport,
  SalesReportInput,
  SalesSummary,
  SetProspectStageInput,
  TargetGetInput,
  TargetSetInput,
  TargetsReport,
  TargetsReportInput,
  TargetView,
} from "@/server/schemas/sales";
import { setProspectStage } from "@/server/services/commerce/prospects";
import { listUserOrders, listUserQuotes } from "@/server/services/commerce/records";
import { salesReport } from "@/server/services/sales/report";
import { salesSummary } from "@/server/services/sales/summary";
import { getTarget, removeTarget, setTarget } from "@/server/services/sales/targets";
import { targetsReport, targetsReportCsv } from "@/server/services/sales/targets-report";
import { adminProcedure, router, staffProcedure } from "../trpc";

export const salesRouter = router({
  orders: router({
    list: staffProcedure
      .input(RecordListInput)
      .output(OrderListOutput)
      .query(({ ctx, input }) => listUserOrders({ ctx: ctx.svc, input })),
  }),
  quotes: router({
    list: staffProcedure
      .input(RecordListInput)
      .output(QuoteListOutput)
      .query(({ ctx, input }) => listUserQuotes({ ctx: ctx.svc, input })),
  }),
  prospects: router({
    setStage: adminProcedure
      .input(SetProspectStageInput)
      .output(z.object({ result: z.enum(["updated", "unchanged"]) }))
      .mutation(({ ctx, input }) => setProspectStage({ ctx: ctx.svc, input })),
  }),
  report: staffProcedure
    .input(SalesReportInput)
    .output(SalesReport)
    .query(({ ctx, input }) => salesReport({ ctx: ctx.svc, input })),
  summary: staffProcedure
    .input(z.object({ userId: Id }))
    .output(SalesSummary)
    .query(({ ctx, input }) => salesSummary({ ctx: ctx.svc, input })),
  targets: router({
    get: staffProcedure
      .input(TargetGetInput)
      .output(TargetView)
      .query(({ ctx, input }) => getTarget({ ctx: ctx.svc, input })),
    update: adminProcedure
      .input(TargetSetInput)
      .output(TargetView)
      .mutation(({ ctx, input }) => setTarget({ ctx: ctx.svc, input })),
    delete: adminProcedure
      .input(z.object({ userId: Id }))
      .output(TargetView)
      .mutation(({ ctx, input }) => removeTarget({ ctx: ctx.svc, input })),
    report: staffProcedure
      .input(TargetsReportInput)
      .output(TargetsReport)
      .query(({ ctx, input }) => targetsReport({ ctx: ctx.svc, input })),
    export: staffProcedure
      .input(TargetsReportInput)
      .output(z.object({ filename: z.string(), csv: z.string() }))
      .query(({ ctx, input }) => targetsReportCsv({ ctx: ctx.svc, input })),
  }),
});
