import { apiRoute } from "@/server/api/rest";
import { ProspectStageIngest } from "@/server/schemas/sales";
import { ingestProspectStage } from "@/server/services/commerce/prospects";

export const POST = apiRoute(ProspectStageIngest, ({ ctx, input }) => ingestProspectStage({ ctx, input }));
