import { apiRoute } from "@/server/api/rest";
import { PricingInput } from "@/server/schemas/pricing";
import { priceCart } from "@/server/services/groups/pricing";

/** G3 for the storefront: unit prices, breaks, tax exemption and totals for a user's cart. Reads only. */
export const POST = apiRoute(PricingInput, async ({ ctx, input }) => ({ result: "unchanged", ...(await priceCart({ ctx, input })) }));
