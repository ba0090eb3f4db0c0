"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc/provider";

/** Names for group, tag and smart type ids in list URLs (filter chips, panels, bulk dialogs). */
export function useMembershipNames() {
  const trpc = useTRPC();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const tags = useQuery(trpc.tags.list.queryOptions());
  const types = useQuery(trpc.groups.smartTypes.list.queryOptions());
  return useMemo(
    () => ({
      groups: groups.data ?? [],
      tags: tags.data ?? [],
      smartTypes: types.data ?? [],
      /** Query-string param → id → name, for chips. */
      byParam: {
        group: new Map((groups.data ?? []).map((g) => [String(g.id), g.name])),
        tag: new Map((tags.data ?? []).map((t) => [String(t.id), t.name])),
        smartType: new Map((types.data ?? []).map((t) => [String(t.id), t.name])),
      } as Record<string, Map<string, string>>,
    }),
    [groups.data, tags.data, types.data],
  );
}
