"use client";

import { useEffect, useId, useRef, useState } from "react";
import { buttonClass, type ButtonSize } from "./button";
import { cn } from "./cn";

/** A disclosure button with a floating panel; Escape or a click outside closes it. */
export function Popover({
  label,
  children,
  align = "right",
  size = "md",
  panelClassName,
}: {
  label: React.ReactNode;
  children: React.ReactNode;
  align?: "left" | "right";
  size?: ButtonSize;
  panelClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        className={buttonClass("secondary", size)}
      >
        {label}
      </button>
      <div
        id={id}
        hidden={!open}
        className={cn(
          "absolute z-30 mt-1 min-w-56 rounded-lg border border-slate-200 bg-white p-3 shadow-lg",
          align === "right" ? "right-0" : "left-0",
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}
