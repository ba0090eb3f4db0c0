"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { COLUMNS, DEFAULT_COLUMNS } from "./columns";

const STORAGE_KEY = "user-manager.users.columns.v1";
const KNOWN = new Set(COLUMNS.map((c) => c.key));
const listeners = new Set<() => void>();

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

function read(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function parse(raw: string | null): string[] {
  try {
    const saved = JSON.parse(raw ?? "null") as unknown;
    if (Array.isArray(saved)) return saved.filter((k): k is string => typeof k === "string" && KNOWN.has(k));
  } catch {
    // A corrupt entry just means the defaults.
  }
  return DEFAULT_COLUMNS;
}

/** The visible optional columns, remembered per browser (the server renders the defaults). */
export function useColumns() {
  const raw = useSyncExternalStore(subscribe, read, () => null);
  const visible = useMemo(() => parse(raw), [raw]);

  const save = useCallback((next: string[]) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Private mode: nothing to remember it in.
    }
    listeners.forEach((l) => l());
  }, []);

  const toggle = useCallback(
    (key: string) => save(visible.includes(key) ? visible.filter((k) => k !== key) : [...visible, key]),
    [visible, save],
  );

  return { visible, toggle, reset: () => save(DEFAULT_COLUMNS) };
}
