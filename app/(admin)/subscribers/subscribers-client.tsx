"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Checkbox, inputClass } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import {
  CHECK_LABELS,
  MAX_SUBSCRIBER_LINES,
  SUBSCRIBER_CHECKS,
  SUBSCRIBER_CHUNK,
  type ImportSummary,
  type SubscriberAction,
  type SubscriberChecks,
} from "@/server/schemas/subscribers";
import { countAddresses, linesOf } from "./paste";
import { Preview } from "./preview";
import { ProgressBar } from "./progress";

type Stage = { kind: "edit" } | { kind: "uploading"; sent: number; total: number } | { kind: "checking" } | { kind: "preview"; summary: ImportSummary };

const ALL_ON: SubscriberChecks = { syntax: true, duplicates: true, role: true, disposable: true, typos: true };

/** S1–S4: paste or load a list, check it (with upload progress), preview, then apply at once. */
export function SubscribersClient() {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [action, setAction] = useState<SubscriberAction>("subscribe");
  const [checks, setChecks] = useState<SubscriberChecks>(ALL_ON);
  const [stage, setStage] = useState<Stage>({ kind: "edit" });
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(trpc.subscribers.imports.create.mutationOptions());
  const upload = useMutation(trpc.subscribers.imports.upload.mutationOptions());
  const check = useMutation(trpc.subscribers.imports.check.mutationOptions());

  const lines = linesOf(text);
  const count = text ? countAddresses(lines) : 0;
  const tooMany = count > MAX_SUBSCRIBER_LINES;

  const run = async () => {
    setError(null);
    try {
      const { id } = await create.mutateAsync({ action, checks });
      setStage({ kind: "uploading", sent: 0, total: lines.length });
      for (let i = 0; i < lines.length; i += SUBSCRIBER_CHUNK) {
        const chunk = lines.slice(i, i + SUBSCRIBER_CHUNK);
        if (chunk.some((l) => l.trim())) await upload.mutateAsync({ id, startLine: i + 1, lines: chunk.map((l) => l.slice(0, 1000)) });
        setStage({ kind: "uploading", sent: Math.min(i + SUBSCRIBER_CHUNK, lines.length), total: lines.length });
      }
      setStage({ kind: "checking" });
      setStage({ kind: "preview", summary: await check.mutateAsync({ id }) });
    } catch (err) {
      setError(err instanceof Error ? err.message : "The list could not be checked.");
      setStage({ kind: "edit" });
    }
  };

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 20 * 1024 * 1024) {
      setError("That file is larger than 20 MB; 100,000 addresses fit in far less.");
      return;
    }
    setText(await file.text());
  };

  if (stage.kind === "preview") {
    return <Preview summary={stage.summary} onStartOver={() => setStage({ kind: "edit" })} />;
  }
  const busy = stage.kind !== "edit";
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Manage subscribers</h1>
        <p className="text-sm text-slate-600">
          Paste up to {MAX_SUBSCRIBER_LINES.toLocaleString("en")} addresses or load a file. You will see what would change before anything is written.
        </p>
      </header>
      {error ? <Alert>{error}</Alert> : null}
      <fieldset className="space-y-2" disabled={busy}>
        <legend className="mb-1 text-sm font-medium text-slate-700">What to do</legend>
        <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
          {(["subscribe", "unsubscribe"] as const).map((a) => (
            <label key={a} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name="action" value={a} checked={action === a} onChange={() => setAction(a)} className="size-4 accent-brand-600" />
              {a === "subscribe" ? "Subscribe these addresses (unknown ones become subscriber records)" : "Unsubscribe these addresses"}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="subscriber-paste" className="mb-1 block text-sm font-medium text-slate-700">
          Addresses, one per line
        </label>
        <textarea
          id="subscriber-paste"
          rows={10}
          value={text}
          disabled={busy}
          onChange={(e) => setText(e.target.value)}
          placeholder={"jane@example.com\nSam Lee <sam@example.com>"}
          aria-describedby="subscriber-paste-hint"
          className={`${inputClass(tooMany)} font-mono`}
          spellCheck={false}
        />
        <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p id="subscriber-paste-hint" className={`text-xs ${tooMany ? "font-medium text-red-700" : "text-slate-600"}`} aria-live="polite">
            {count.toLocaleString("en")} address{count === 1 ? "" : "es"}
            {tooMany ? ` — at most ${MAX_SUBSCRIBER_LINES.toLocaleString("en")}; split the list` : ""}
          </p>
          <label className="text-sm font-medium text-brand-700">
            <span className="cursor-pointer hover:underline">Load a .txt or .csv file</span>
            <input type="file" accept=".txt,.csv,text/plain,text/csv" className="sr-only" disabled={busy} onChange={(e) => void loadFile(e.target.files?.[0])} />
          </label>
        </div>
      </div>
      <fieldset disabled={busy}>
        <legend className="mb-2 text-sm font-medium text-slate-700">Checks (each rejected line says why)</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {SUBSCRIBER_CHECKS.map((c) => (
            <Checkbox key={c} label={CHECK_LABELS[c]} checked={checks[c]} onChange={(e) => setChecks({ ...checks, [c]: e.target.checked })} />
          ))}
        </div>
      </fieldset>
      {stage.kind === "uploading" ? <ProgressBar label={`Uploading ${stage.sent.toLocaleString("en")} of ${stage.total.toLocaleString("en")} lines`} value={stage.sent} max={stage.total} /> : null}
      {stage.kind === "checking" ? <ProgressBar label="Checking every address against the database…" /> : null}
      <div className="flex justify-end">
        <Button variant="primary" onClick={() => void run()} loading={busy} disabled={count === 0 || tooMany}>
          Check list
        </Button>
      </div>
    </div>
  );
}
