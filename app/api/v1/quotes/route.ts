import { apiRoute } from "@/server/api/rest";
import { notifyStaff } from "@/server/push/notify";
import { QuoteIngest } from "@/server/schemas/sales";
import { ingestQuote } from "@/server/services/commerce/quotes";

export const POST = apiRoute(QuoteIngest, async ({ ctx, input }) => {
  const out = await ingestQuote({ ctx, input });
  if (out.result === "created") {
    const who = [input.customer.firstName, input.customer.lastName].filter(Boolean).join(" ") || input.customer.email;
    void notifyStaff(ctx.db, {
      alert: "new_quote",
      title: `New quote ${input.externalId}`,
      body: `For ${who}`,
      url: `/users?q=${encodeURIComponent(input.customer.email)}`,
    }).catch((err) => console.error("[push] new quote notification failed", err));
  }
  return out;
});
