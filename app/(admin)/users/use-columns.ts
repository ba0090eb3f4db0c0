"use client";

import { useCallback, useEffect, useState } from "react";
import { COLUMNS, DEFAULT_COLUMNS } from "./columns";

const STORAGE_KEY = "user-manager.users.columns.v1";
const KNOWN = new Set(COLUMNS.map((c) => c.key));

/** The visible optional columns, remembered per browser. */
export function useColumns() {
  const [visible, setVisible] = useState<string[]>(DEFAULT_COLUMNS);

  // Read after mount so the server render and the first client render agree.
  useEffect(() => {
    try {
      const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null") as unknown;
      if (Array.isArray(saved)) setVisible(saved.filter((k): k is string => typeof k === "string" && KNOWN.has(k)));
    } catch {
      // A corrupt entry just means the defaults.
    }
  }, []);

  const save = useCallback((next: string[]) => {
    setVisible(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);

  const toggle = useCallback(
    (key: string) => save(visible.includes(key) ? visible.filter((k) => k !== key) : [...visible, key]),
    [visible, save],
  );

  return { visible, toggle, reset: () => save(DEFAULT_COLUMNS) };
}
