import { z } from "zod";
import {
  CustomerLevel,
  CustomFieldCreateInput,
  CustomFieldDefinition,
  CustomFieldDeleteResult,
  CustomFieldUpdateInput,
  LevelCreateInput,
  LevelDeleteResult,
  LevelIdInput,
  LevelRenameInput,
  LevelReorderInput,
  LevelUsage,
  SettingsUpdateInput,
  SettingsView,
  SiteSettings,
} from "@/server/schemas/settings";
import { Id } from "@/server/schemas/common";
import { getSettingsView, updateSettings } from "@/server/services/settings/settings";
import { createLevel, deleteLevel, levelUsage, renameLevel, reorderLevels } from "@/server/services/settings/levels";
import { createCustomField, deleteCustomField, updateCustomField } from "@/server/services/settings/custom-fields";
import { ownerProcedure, router, staffProcedure } from "../trpc";

const levelsRouter = router({
  create: ownerProcedure.input(LevelCreateInput).output(CustomerLevel).mutation(({ ctx, input }) => createLevel({ ctx: ctx.svc, input })),
  rename: ownerProcedure.input(LevelRenameInput).output(CustomerLevel).mutation(({ ctx, input }) => renameLevel({ ctx: ctx.svc, input })),
  reorder: ownerProcedure
    .input(LevelReorderInput)
    .output(z.array(CustomerLevel))
    .mutation(({ ctx, input }) => reorderLevels({ ctx: ctx.svc, input })),
  /** How many users hold a level, for the delete confirmation. */
  usage: ownerProcedure.input(LevelIdInput).output(LevelUsage).query(({ ctx, input }) => levelUsage({ ctx: ctx.svc, input })),
  delete: ownerProcedure.input(LevelIdInput).output(LevelDeleteResult).mutation(({ ctx, input }) => deleteLevel({ ctx: ctx.svc, input })),
});

const customFieldsRouter = router({
  create: ownerProcedure
    .input(CustomFieldCreateInput)
    .output(CustomFieldDefinition)
    .mutation(({ ctx, input }) => createCustomField({ ctx: ctx.svc, input })),
  update: ownerProcedure
    .input(CustomFieldUpdateInput)
    .output(CustomFieldDefinition)
    .mutation(({ ctx, input }) => updateCustomField({ ctx: ctx.svc, input })),
  delete: ownerProcedure
    .input(z.object({ id: Id }))
    .output(CustomFieldDeleteResult)
    .mutation(({ ctx, input }) => deleteCustomField({ ctx: ctx.svc, input })),
});

export const settingsRouter = router({
  /** Readable by all staff: forms need the levels, custom fields and currency. */
  get: staffProcedure.output(SettingsView).query(({ ctx }) => getSettingsView({ ctx: ctx.svc })),
  update: ownerProcedure.input(SettingsUpdateInput).output(SiteSettings).mutation(({ ctx, input }) => updateSettings({ ctx: ctx.svc, input })),
  levels: levelsRouter,
  customFields: customFieldsRouter,
});
