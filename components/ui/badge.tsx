import { cn } from "./cn";

export type BadgeTone = "green" | "grey" | "amber" | "red" | "blue" | "violet";

// Text/background pairs all reach WCAG AA (4.5:1) for small text.
const TONES: Record<BadgeTone, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/25",
  grey: "bg-slate-100 text-slate-700 ring-slate-500/25",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/30",
  red: "bg-red-50 text-red-800 ring-red-600/25",
  blue: "bg-brand-50 text-brand-800 ring-brand-600/25",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/25",
};

export function Badge({
  tone = "grey",
  className,
  children,
  title,
}: {
  tone?: BadgeTone;
  className?: string;
  children: React.ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={cn(
        "inline-flex max-w-full items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
