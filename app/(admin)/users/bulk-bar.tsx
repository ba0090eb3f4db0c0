"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatCount, numberFmt } from "@/components/users/format";
import type { CustomerLevel, CustomFieldDefinition } from "@/server/schemas/settings";
import { BulkDialog, type BulkKind, type BulkTargetInput } from "./bulk-dialog";
import { ExportDialog } from "./export-dialog";
import type { FilterInput } from "./list-params";
import type { Selection } from "./use-selection";

/** Appears once rows are selected (admins only); sticks to the bottom on phones. */
export function BulkBar({
  selection,
  filter,
  total,
  loadedCount,
  levels,
  customFields = [],
  onDone,
}: {
  selection: Selection;
  filter: FilterInput;
  /** users.count for the filter; may be capped ("10,000+"). */
  total: { count: number; capped: boolean } | undefined;
  loadedCount: number;
  levels: readonly CustomerLevel[];
  customFields?: readonly CustomFieldDefinition[];
  onDone: (message: string) => void;
}) {
  const [kind, setKind] = useState<BulkKind | null>(null);
  const [exporting, setExporting] = useState(false);
  if (!selection.allMatching && selection.ids.length === 0) return null;

  const target: BulkTargetInput = selection.allMatching
    ? { kind: "filter", filter }
    : { kind: "ids", ids: selection.ids };
  const canSelectAll =
    !selection.allMatching && selection.allLoaded && total !== undefined && (total.capped || total.count > loadedCount);

  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="sticky bottom-0 z-20 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-2.5 shadow-[0_-2px_8px_rgba(15,23,42,0.06)] backdrop-blur sm:mx-0 sm:rounded-xl sm:border"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <p className="text-sm font-semibold text-slate-900" aria-live="polite">
          {selection.allMatching
            ? `All ${total ? formatCount(total) + " " : ""}users matching this filter selected`
            : `${numberFmt.format(selection.ids.length)} selected`}
        </p>
        {canSelectAll ? (
          <button type="button" onClick={selection.selectAllMatching} className="text-sm font-semibold text-brand-700 hover:underline">
            Select all {formatCount(total)} matching this filter
          </button>
        ) : null}
        <div className="flex flex-wrap gap-2 sm:ml-auto">
          <Button size="sm" onClick={() => setKind("status")}>
            Set status
          </Button>
          <Button size="sm" onClick={() => setKind("level")}>
            Set level
          </Button>
          <Button size="sm" onClick={() => setKind("group")}>
            Groups
          </Button>
          <Button size="sm" onClick={() => setKind("tag")}>
            Tags
          </Button>
          <Button size="sm" onClick={() => setExporting(true)}>
            Export selected
          </Button>
          <Button size="sm" variant="danger" onClick={() => setKind("delete")}>
            Delete
          </Button>
          <Button size="sm" variant="ghost" onClick={selection.clear}>
            Clear
          </Button>
        </div>
      </div>
      {exporting ? (
        <ExportDialog
          target={selection.allMatching ? { filter } : { ids: selection.ids }}
          customFields={customFields}
          onClose={() => setExporting(false)}
        />
      ) : null}
      {kind ? (
        <BulkDialog
          kind={kind}
          target={target}
          levels={levels}
          onClose={() => setKind(null)}
          onDone={(message) => {
            setKind(null);
            selection.clear();
            onDone(message);
          }}
        />
      ) : null}
    </div>
  );
}
