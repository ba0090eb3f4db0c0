"use client";

import { useEffect } from "react";

/** A brief confirmation pinned to the bottom of the screen, so it is seen wherever the page is scrolled. */
export function Toast({ message, onDismiss, ms = 6000 }: { message: string | null; onDismiss: () => void; ms?: number }) {
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(onDismiss, ms);
    return () => clearTimeout(t);
  }, [message, onDismiss, ms]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-4 bottom-20 z-40 flex justify-center sm:inset-x-auto sm:right-6 sm:bottom-6">
      {message ? (
        <div className="pointer-events-auto flex max-w-sm items-center gap-3 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg">
          <span>{message}</span>
          <button type="button" onClick={onDismiss} className="font-semibold text-slate-200 underline hover:text-white">
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
