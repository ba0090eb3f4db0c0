"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export type ParamChanges = Record<string, string | readonly string[] | null | undefined>;

/**
 * Writes list state to the URL through the History API, which Next keeps in sync with
 * useSearchParams: no server round trip per keystroke. "replace" while typing, "push" for
 * discrete changes so Back steps through them.
 */
export function useListUrl() {
  const searchParams = useSearchParams();
  const pathname = usePathname();

  const update = useCallback(
    (changes: ParamChanges, mode: "push" | "replace" = "push", reset = false) => {
      const next = reset ? new URLSearchParams() : new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
        next.set(key, Array.isArray(value) ? value.join(",") : (value as string));
      }
      const qs = next.toString().replace(/%2C/gi, ",");
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  return { searchParams, update };
}
