"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { formatMoney } from "@/components/users/format";
import { DocumentList } from "./document-list";

export function OrdersTab({ userId }: { userId: number }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.sales.orders.list.infiniteQueryOptions({ userId, limit: 20 }, { getNextPageParam: (last) => last.nextCursor }),
  );
  const items = (query.data?.pages ?? []).flatMap((p) =>
    p.items.map((o) => ({
      ...o,
      date: o.placedAt,
      detail: o.taxCents || o.shippingCents ? `incl. tax ${formatMoney(o.taxCents, o.currency)}, shipping ${formatMoney(o.shippingCents, o.currency)}` : undefined,
    })),
  );
  return <DocumentList noun="order" items={items} query={query} />;
}
