import { apiRoute } from "@/server/api/rest";
import { OrderIngest } from "@/server/schemas/sales";
import { ingestOrder } from "@/server/services/commerce/orders";

export const POST = apiRoute(OrderIngest, ({ ctx, input }) => ingestOrder({ ctx, input }));
