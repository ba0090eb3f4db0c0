import { Skeleton } from "@/components/ui/spinner";

export function ListSkeleton() {
  return (
    <div role="status" aria-label="Loading users" className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="flex items-center gap-4 border-b border-slate-100 py-3 last:border-b-0">
          <Skeleton className="size-4" />
          <div className="flex-1 space-y-1.5">
            <Skeleton className="h-3.5 w-40" />
            <Skeleton className="h-3 w-56" />
          </div>
          <Skeleton className="hidden h-5 w-20 sm:block" />
          <Skeleton className="hidden h-5 w-28 md:block" />
          <Skeleton className="h-4 w-16" />
        </div>
      ))}
    </div>
  );
}
