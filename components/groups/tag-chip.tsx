import { cn } from "@/components/ui/cn";

// Text/background pairs that reach WCAG AA (4.5:1) for small text, one per palette key.
const COLOURS: Record<string, string> = {
  slate: "bg-slate-100 text-slate-800 ring-slate-500/30",
  red: "bg-red-50 text-red-800 ring-red-600/30",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/30",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  teal: "bg-teal-50 text-teal-800 ring-teal-600/30",
  blue: "bg-blue-50 text-blue-800 ring-blue-600/30",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/30",
  pink: "bg-pink-50 text-pink-800 ring-pink-600/30",
};

export function tagClass(colour: string): string {
  return COLOURS[colour] ?? COLOURS.slate ?? "";
}

/** A tag as a pill; with `onRemove` it carries its own labelled remove button. */
export function TagChip({ name, colour, onRemove, className }: { name: string; colour: string; onRemove?: () => void; className?: string }) {
  return (
    <span className={cn("inline-flex max-w-full items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset", tagClass(colour), className)}>
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      <span className="truncate">{name}</span>
      {onRemove ? (
        <button type="button" onClick={onRemove} aria-label={`Remove tag ${name}`} className="-mr-1 rounded-full p-0.5 hover:bg-black/10">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3" fill="currentColor">
            <path d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z" />
          </svg>
        </button>
      ) : null}
    </span>
  );
}
