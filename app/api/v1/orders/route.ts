import { apiRoute } from "@/server/api/rest";
import { notifyStaff } from "@/server/push/notify";
import { OrderIngest } from "@/server/schemas/sales";
import { ingestOrder } from "@/server/services/commerce/orders";

export const POST = apiRoute(OrderIngest, async ({ ctx, input }) => {
  const out = await ingestOrder({ ctx, input });
  if (out.result === "created") {
    // After the commit and without holding the storefront's request: pushes wait on the network.
    const who = [input.customer.firstName, input.customer.lastName].filter(Boolean).join(" ") || input.customer.email;
    void notifyStaff(ctx.db, {
      alert: "new_order",
      title: `New order ${input.externalId}`,
      body: `From ${who}`,
      url: `/users?q=${encodeURIComponent(input.customer.email)}`,
    }).catch((err) => console.error("[push] new order notification failed", err));
  }
  return out;
});
