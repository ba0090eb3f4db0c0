"use client";

import { useCallback, useMemo, useState } from "react";

export interface Selection {
  /** Every user matching the filter, not just the loaded rows. */
  allMatching: boolean;
  ids: number[];
  isSelected: (id: number) => boolean;
  toggle: (id: number) => void;
  allLoaded: boolean;
  someLoaded: boolean;
  toggleLoaded: () => void;
  selectAllMatching: () => void;
  clear: () => void;
}

/** Row selection that resets whenever the filter (resetKey) changes. */
export function useSelection(loadedIds: number[], resetKey: string): Selection {
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);

  // A new filter means a new set of users: drop the old selection during render, not after.
  const [key, setKey] = useState(resetKey);
  if (key !== resetKey) {
    setKey(resetKey);
    setPicked(new Set());
    setAllMatching(false);
  }

  const toggle = useCallback(
    (id: number) => {
      setPicked((prev) => {
        const next = new Set(allMatching ? loadedIds : prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      setAllMatching(false);
    },
    [allMatching, loadedIds],
  );

  return useMemo(() => {
    const someLoaded = allMatching || loadedIds.some((id) => picked.has(id));
    const allLoaded = allMatching || (loadedIds.length > 0 && loadedIds.every((id) => picked.has(id)));
    return {
      allMatching,
      ids: [...picked],
      isSelected: (id: number) => allMatching || picked.has(id),
      toggle,
      allLoaded,
      someLoaded,
      toggleLoaded: () => {
        setAllMatching(false);
        setPicked(allLoaded ? new Set() : new Set(loadedIds));
      },
      selectAllMatching: () => setAllMatching(true),
      clear: () => {
        setAllMatching(false);
        setPicked(new Set());
      },
    };
  }, [allMatching, picked, loadedIds, toggle]);
}
