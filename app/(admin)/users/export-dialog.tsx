"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/states";
import { numberFmt } from "@/components/users/format";
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, EXPORT_ROWS_HEADER } from "@/server/schemas/exports";
import type { CustomFieldDefinition } from "@/server/schemas/settings";
import type { FilterInput } from "./list-params";

export type ExportTarget = { filter: FilterInput } | { ids: number[] };

type Phase =
  | { kind: "choose" }
  | { kind: "running"; rows: number; bytes: number; expected: number | null }
  | { kind: "done"; rows: number; bytes: number }
  | { kind: "error"; message: string };

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Counts CSV records in a byte stream: a newline ends a record unless it is inside quotes. */
function recordCounter() {
  let inQuotes = false;
  return (chunk: Uint8Array) => {
    let n = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10 && !inQuotes) n++;
    }
    return n;
  };
}

function save(parts: BlobPart[], filename: string) {
  const url = URL.createObjectURL(new Blob(parts, { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** U10: pick columns, stream the CSV with progress and a cancel button, then save it. */
export function ExportDialog({
  target,
  customFields,
  onClose,
}: {
  target: ExportTarget;
  customFields: readonly CustomFieldDefinition[];
  onClose: () => void;
}) {
  const [columns, setColumns] = useState<string[]>([...DEFAULT_EXPORT_COLUMNS]);
  const [phase, setPhase] = useState<Phase>({ kind: "choose" });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const all = [...EXPORT_COLUMNS.map((c) => ({ key: c.key as string, label: c.label })), ...customFields.map((f) => ({ key: `cf:${f.key}`, label: f.label }))];
  const toggle = (key: string) => setColumns((cur) => (cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key]));
  const ordered = all.map((c) => c.key).filter((k) => columns.includes(k));

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: "running", rows: 0, bytes: 0, expected: null });
    try {
      const res = await fetch("/api/export/users", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...target, columns: ordered }),
        signal: controller.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (HTTP ${res.status}).`);
      }
      const expected = Number(res.headers.get(EXPORT_ROWS_HEADER) ?? NaN);
      const filename = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "users.csv";
      const reader = res.body.getReader();
      const count = recordCounter();
      const parts: BlobPart[] = [];
      let lines = 0;
      let bytes = 0;
      let lastPaint = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.length;
        lines += count(value);
        if (performance.now() - lastPaint > 150) {
          lastPaint = performance.now();
          setPhase({ kind: "running", rows: Math.max(0, lines - 1), bytes, expected: Number.isFinite(expected) ? expected : null });
        }
      }
      save(parts, filename);
      setPhase({ kind: "done", rows: Math.max(0, lines - 1), bytes });
    } catch (err) {
      if (controller.signal.aborted) setPhase({ kind: "choose" });
      else setPhase({ kind: "error", message: err instanceof Error ? err.message : "The export failed." });
    } finally {
      abort.current = null;
    }
  }

  const running = phase.kind === "running";
  const scope = "ids" in target ? `${numberFmt.format(target.ids.length)} selected user${target.ids.length === 1 ? "" : "s"}` : "every user matching the current filters";

  return (
    <Dialog
      open
      onClose={onClose}
      title="Export users as CSV"
      description={`Exports ${scope}. Opens in Excel, Numbers or Google Sheets.`}
      size="lg"
      dismissable={!running}
      footer={
        running ? (
          <Button onClick={() => abort.current?.abort()}>Cancel export</Button>
        ) : (
          <>
            <Button onClick={onClose}>{phase.kind === "done" ? "Close" : "Cancel"}</Button>
            {phase.kind !== "done" ? (
              <Button variant="primary" onClick={() => void run()} disabled={ordered.length === 0}>
                Export {ordered.length} column{ordered.length === 1 ? "" : "s"}
              </Button>
            ) : null}
          </>
        )
      }
    >
      {phase.kind === "running" ? (
        <div className="space-y-3" aria-live="polite">
          <progress
            className="h-2 w-full overflow-hidden rounded-full accent-brand-600"
            aria-label="Export progress"
            max={phase.expected ?? undefined}
            value={phase.expected ? Math.min(phase.rows, phase.expected) : undefined}
          />
          <p className="text-sm text-slate-700">
            {numberFmt.format(phase.rows)}
            {phase.expected !== null ? ` of ${numberFmt.format(phase.expected)}` : ""} users · {mib(phase.bytes)} received
          </p>
        </div>
      ) : phase.kind === "done" ? (
        <p role="status" className="text-sm text-slate-800">
          Saved {numberFmt.format(phase.rows)} user{phase.rows === 1 ? "" : "s"} ({mib(phase.bytes)}). Check your downloads.
        </p>
      ) : (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-900">Columns</legend>
          {phase.kind === "error" ? <Alert>{phase.message}</Alert> : null}
          <div className="mb-2 flex gap-3 text-sm">
            <button type="button" className="font-semibold text-brand-700 hover:underline" onClick={() => setColumns(all.map((c) => c.key))}>
              Select all
            </button>
            <button type="button" className="font-semibold text-brand-700 hover:underline" onClick={() => setColumns([])}>
              Select none
            </button>
          </div>
          <div className="grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {all.map((c) => (
              <label key={c.key} className="flex min-h-8 items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" className="size-4 accent-brand-600" checked={columns.includes(c.key)} onChange={() => toggle(c.key)} />
                {c.label}
                {c.key === "groups" || c.key === "tags" ? <span className="text-xs text-slate-500">(slower)</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </Dialog>
  );
}
