"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/states";
import { numberFmt } from "@/components/users/format";
import { IMPORT_FIELDS, IMPORT_MAX_BYTES, type ImportField, type ImportReport } from "@/server/schemas/imports";
import { ImportReportView } from "./import-report";

interface LoadedFile {
  name: string;
  csv: string;
}

/** Reads the file as strict UTF-8: a wrong encoding is refused here, before any upload. */
async function readFile(file: File): Promise<LoadedFile> {
  if (file.size > IMPORT_MAX_BYTES) throw new Error(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 20 MB. Split it into smaller files.`);
  if (file.size === 0) throw new Error(`${file.name} is empty.`);
  try {
    return { name: file.name, csv: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    throw new Error(`${file.name} is not UTF-8 text. In Excel choose "Save as… CSV UTF-8", then try again.`);
  }
}

/** U10: upload → map columns → dry run with a per-row report → apply exactly what the dry run showed. */
export function ImportClient() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [mapping, setMapping] = useState<(ImportField | null)[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const preview = useMutation(
    trpc.imports.preview.mutationOptions({
      onSuccess: (r) => {
        setReport(r);
        setMapping(r.mapping as (ImportField | null)[]);
      },
      onError: () => setReport(null),
    }),
  );
  const execute = useMutation(
    trpc.imports.execute.mutationOptions({
      onSuccess: async (r) => {
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
        setDone(
          `Imported: ${numberFmt.format(r.created)} created, ${numberFmt.format(r.updated)} updated, ${numberFmt.format(r.unchanged)} unchanged, ${numberFmt.format(r.errors)} rows skipped with errors.`,
        );
      },
      onError: () => {
        setConfirming(false);
        if (file) preview.mutate({ csv: file.csv, mapping, fileName: file.name });
      },
    }),
  );

  const fields = [
    ...IMPORT_FIELDS.map((f) => ({ key: f.key as string, label: f.label })),
    ...(settings.data?.customFields ?? []).map((f) => ({ key: `cf:${f.key}`, label: `${f.label} (custom)` })),
  ];
  const changedMapping = report !== null && JSON.stringify(mapping) !== JSON.stringify(report.mapping);
  const applicable = report ? report.totals.create + report.totals.update : 0;

  async function onFile(selected: File | undefined) {
    setFileError(null);
    setReport(null);
    setDone(null);
    preview.reset();
    execute.reset();
    if (!selected) return;
    try {
      const loaded = await readFile(selected);
      setFile(loaded);
      preview.mutate({ csv: loaded.csv, fileName: loaded.name });
    } catch (err) {
      setFile(null);
      setFileError(err instanceof Error ? err.message : "Could not read that file.");
    }
  }

  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <Link href="/users" className="text-sm font-medium text-brand-700 hover:underline">
          ← Users
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Import users</h1>
        <p className="mt-1 text-sm text-slate-600">
          A CSV file with a header row and one user per row, up to 20 MB or 100,000 rows. Users are matched by email: new
          addresses are created (source “import”), known ones updated. Empty cells leave existing values as they are.
          Nothing changes until you confirm the dry run.
        </p>
      </div>

      <section aria-labelledby="step-file" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="step-file" className="font-semibold text-slate-900">
          1. Choose a file
        </h2>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          CSV file
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="block w-full text-sm file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium"
        />
        {fileError ? <Alert>{fileError}</Alert> : null}
        {preview.isError ? <Alert>{preview.error.message}</Alert> : null}
        {preview.isPending ? (
          <p role="status" className="text-sm text-slate-700">
            Checking every row of {file?.name}…
          </p>
        ) : null}
      </section>

      {report && file ? (
        <>
          <section aria-labelledby="step-map" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="step-map" className="font-semibold text-slate-900">
              2. Match columns to user fields
            </h2>
            <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {report.headers.map((header, i) => (
                <li key={i}>
                  <label htmlFor={`map-${i}`} className="block truncate text-sm font-medium text-slate-800">
                    Column “{header || `#${i + 1}`}”
                  </label>
                  <select
                    id={`map-${i}`}
                    value={mapping[i] ?? ""}
                    onChange={(e) => setMapping((m) => m.map((v, j) => (j === i ? ((e.target.value || null) as ImportField | null) : v)))}
                    className="mt-1 h-9 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm"
                  >
                    <option value="">Ignore this column</option>
                    {fields.map((f) => (
                      <option key={f.key} value={f.key} disabled={mapping.includes(f.key as ImportField) && mapping[i] !== f.key}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
            </ul>
            {changedMapping ? (
              <Button variant="primary" loading={preview.isPending} onClick={() => preview.mutate({ csv: file.csv, mapping, fileName: file.name })}>
                Run the dry run again
              </Button>
            ) : null}
          </section>

          <section aria-labelledby="step-report" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="step-report" className="font-semibold text-slate-900">
              3. Dry run
            </h2>
            <ImportReportView report={report} fileName={file.name} stale={changedMapping} />
            {execute.isError ? <Alert>{execute.error.message}</Alert> : null}
            {done ? (
              <Alert tone="success">
                {done}{" "}
                <Link href="/users?source=import" className="font-semibold underline">
                  See imported users
                </Link>
              </Alert>
            ) : (
              <div className="flex flex-wrap gap-2">
                <Button variant="primary" disabled={applicable === 0 || changedMapping || preview.isPending} onClick={() => setConfirming(true)}>
                  Import {numberFmt.format(report.totals.create)} new, update {numberFmt.format(report.totals.update)}
                </Button>
                <Link href="/users" className={buttonClass("ghost")}>
                  Cancel
                </Link>
              </div>
            )}
          </section>
        </>
      ) : null}

      {confirming && report && file ? (
        <ConfirmDialog
          open
          title="Apply this import?"
          confirmLabel="Apply import"
          pending={execute.isPending}
          onClose={() => setConfirming(false)}
          onConfirm={() => execute.mutate({ csv: file.csv, mapping, expected: report.totals, fileName: file.name })}
        >
          <p className="text-sm text-slate-700">
            {numberFmt.format(report.totals.create)} users will be created and {numberFmt.format(report.totals.update)} updated, all at once.{" "}
            {numberFmt.format(report.totals.error)} rows with errors are skipped.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
