"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import { formatDate } from "@/components/users/format";

function save(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** C2: download everything we hold about me, or ask for the account to be deleted. */
export function DataPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const request = useQuery(trpc.account.deletion.get.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.deletion.get.queryKey() });
  const ask = useMutation(trpc.account.deletion.request.mutationOptions({ onSuccess: async () => { setAsking(false); await refresh(); } }));
  const withdraw = useMutation(trpc.account.deletion.withdraw.mutationOptions({ onSuccess: refresh }));

  const download = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const data = await queryClient.fetchQuery({ ...trpc.account.export.queryOptions(), staleTime: 0 });
      save(`my-data-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(data, null, 2));
    } catch (err) {
      setExportError(err instanceof Error ? err.message : "The download failed. Try again.");
    } finally {
      setExporting(false);
    }
  };

  const open = request.data?.status === "open";
  return (
    <div className="space-y-5">
      <div>
        <p className="mb-2 text-sm text-slate-600">Your profile, consents, orders, quotes, sign-ins and account history as one JSON file.</p>
        <Button onClick={() => void download()} loading={exporting}>
          Download my data
        </Button>
        {exportError ? <Alert className="mt-2">{exportError}</Alert> : null}
      </div>
      <div className="border-t border-slate-200 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">Delete my account</h3>
        {open ? (
          <div className="mt-2 space-y-2">
            <Alert tone="info">You asked for deletion on {formatDate(request.data?.createdAt)}. Our team will erase your personal data; orders are kept anonymously for accounting.</Alert>
            <Button size="sm" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
              Withdraw the request
            </Button>
          </div>
        ) : (
          <div className="mt-2 space-y-2">
            {request.data?.status === "dismissed" ? <Alert tone="warning">Your last request was declined: {request.data.closeNote}</Alert> : null}
            <p className="text-sm text-slate-600">We erase your personal data; orders stay, without your name, for accounting.</p>
            <Button size="sm" variant="danger" onClick={() => setAsking(true)}>
              Request deletion
            </Button>
          </div>
        )}
        {withdraw.isError ? <Alert className="mt-2">{withdraw.error.message}</Alert> : null}
      </div>
      <ConfirmDialog
        open={asking}
        onClose={() => setAsking(false)}
        onConfirm={() => ask.mutate({ reason })}
        title="Ask us to delete your account?"
        confirmLabel="Send request"
        tone="danger"
        pending={ask.isPending}
        error={ask.error?.message}
      >
        <p>Once we act on it you will no longer be able to sign in, and this cannot be undone.</p>
        <label htmlFor="deletion-reason" className="block text-sm font-medium text-slate-700">
          Anything we should know? (optional)
        </label>
        <textarea id="deletion-reason" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass(false)} />
      </ConfirmDialog>
    </div>
  );
}
