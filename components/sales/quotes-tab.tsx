"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { formatDate } from "@/components/users/format";
import { DocumentList } from "./document-list";

export function QuotesTab({ userId }: { userId: number }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.sales.quotes.list.infiniteQueryOptions({ userId, limit: 20 }, { getNextPageParam: (last) => last.nextCursor }),
  );
  const items = (query.data?.pages ?? []).flatMap((p) =>
    p.items.map((q) => ({ ...q, date: q.quotedAt, detail: q.expiresAt ? `expires ${formatDate(q.expiresAt)}` : undefined })),
  );
  return <DocumentList noun="quote" items={items} query={query} />;
}
