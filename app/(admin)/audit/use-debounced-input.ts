"use client";

import { useEffect, useState } from "react";

/**
 * Text input state bound to a URL value: typing commits after `ms`; a change that did not come
 * from this input (Clear filters, Back) replaces the text, while our own commits never clobber
 * what the user kept typing meanwhile.
 */
export function useDebouncedInput(value: string, commit: (v: string) => void, ms: number) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setSent(value);
      setText(value);
    }
  }
  useEffect(() => {
    const next = text.trim();
    if (next === value) return;
    const t = setTimeout(() => {
      setSent(next);
      commit(next);
    }, ms);
    return () => clearTimeout(t);
  }, [text, value, commit, ms]);
  return [text, setText] as const;
}
