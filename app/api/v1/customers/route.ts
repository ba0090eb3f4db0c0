import { apiRoute } from "@/server/api/rest";
import { IngestCustomer } from "@/server/schemas/sales";
import { ingestCustomer } from "@/server/services/commerce/customers";

export const POST = apiRoute(IngestCustomer, ({ ctx, input }) => ingestCustomer({ ctx, input }));
