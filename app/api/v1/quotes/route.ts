import { apiRoute } from "@/server/api/rest";
import { QuoteIngest } from "@/server/schemas/sales";
import { ingestQuote } from "@/server/services/commerce/quotes";

export const POST = apiRoute(QuoteIngest, ({ ctx, input }) => ingestQuote({ ctx, input }));
