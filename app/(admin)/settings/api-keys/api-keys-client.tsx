"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { formatDateTime } from "@/components/users/format";

export function ApiKeysClient() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (res) => {
        setSecret(res.secret);
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => void refresh().then(() => setRevoking(null)) }));

  return (
    <div className="max-w-3xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="mt-1 text-sm text-slate-600">
          The storefront sends customers, orders, quotes and prospect stages to <code>/api/v1/…</code> with{" "}
          <code>Authorization: Bearer &lt;key&gt;</code>. A key is shown once; only its fingerprint is stored.
        </p>
      </div>
      <form
        className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name });
        }}
      >
        <TextField label="Key name" placeholder="e.g. Shopify storefront" value={name} onChange={(e) => setName(e.target.value)} error={create.error?.data?.fieldErrors?.name ?? null} required />
        <Button type="submit" variant="primary" loading={create.isPending}>Create key</Button>
      </form>
      {create.error && !create.error.data?.fieldErrors ? <Alert>{create.error.message}</Alert> : null}
      {keys.isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : keys.isError ? (
        <ErrorState title="Could not load API keys" message={keys.error.message} onRetry={() => void keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys yet" description="Create one for each storefront or integration, so each can be revoked on its own." />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {keys.data.map((k) => (
            <li key={k.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
              <span className="font-medium">{k.name}</span>
              <code className="text-sm text-slate-700">{k.prefix}…</code>
              {k.revokedAt ? <Badge tone="red">Revoked {formatDateTime(k.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>}
              <span className="w-full text-xs text-slate-600 sm:w-auto">
                Created {formatDateTime(k.createdAt)}{k.createdByEmail ? ` by ${k.createdByEmail}` : ""} · {k.lastUsedAt ? `last used ${formatDateTime(k.lastUsedAt)}` : "never used"}
              </span>
              {!k.revokedAt ? (
                <Button size="sm" variant="danger" className="ml-auto" onClick={() => setRevoking({ id: k.id, name: k.name })}>Revoke</Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={secret !== null}
        onClose={() => {
          setSecret(null);
          setCopied(false);
        }}
        title="Copy your new API key"
        description="This is the only time the key is shown. Store it in the storefront's settings now."
        footer={<Button variant="primary" onClick={() => { setSecret(null); setCopied(false); }}>I have stored it</Button>}
      >
        <div className="space-y-2">
          <code data-testid="new-api-key" className="block break-all rounded-lg bg-slate-100 p-3 text-sm">{secret}</code>
          <Button size="sm" onClick={() => secret && void navigator.clipboard.writeText(secret).then(() => setCopied(true))}>
            {copied ? "Copied" : "Copy to clipboard"}
          </Button>
        </div>
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirmLabel="Revoke key"
        tone="danger"
        pending={revoke.isPending}
        error={revoke.error?.message}
      >
        Requests with this key are refused (401) from now on. This cannot be undone; create a new key instead.
      </ConfirmDialog>
    </div>
  );
}
