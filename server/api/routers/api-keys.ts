import { z } from "zod";
import { Id } from "@/server/schemas/common";
import { ApiKeyCreated, ApiKeyCreateInput, ApiKeyView } from "@/server/schemas/sales";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/commerce/api-keys";
import { ownerProcedure, router } from "../trpc";

export const apiKeysRouter = router({
  list: ownerProcedure.output(z.array(ApiKeyView)).query(({ ctx }) => listApiKeys({ ctx: ctx.svc })),
  create: ownerProcedure
    .input(ApiKeyCreateInput)
    .output(ApiKeyCreated)
    .mutation(({ ctx, input }) => createApiKey({ ctx: ctx.svc, input })),
  revoke: ownerProcedure
    .input(z.object({ id: Id }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => revokeApiKey({ ctx: ctx.svc, input })),
});
