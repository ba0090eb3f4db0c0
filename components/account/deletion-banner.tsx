"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { formatDate } from "@/components/users/format";
import type { DeletionRequestItem } from "@/server/schemas/account";

/** Acting on a C2 deletion request: anonymise (orders kept) or decline with a note the customer sees. */
export function DeletionActions({ request, canAct, onDone }: { request: DeletionRequestItem; canAct: boolean; onDone?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<"fulfil" | "dismiss" | null>(null);
  const [note, setNote] = useState("");
  const refresh = async () => {
    setConfirm(null);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.deletionRequests.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.timeline.pathKey() }),
    ]);
    onDone?.();
  };
  const fulfil = useMutation(trpc.deletionRequests.fulfil.mutationOptions({ onSuccess: refresh }));
  const dismiss = useMutation(trpc.deletionRequests.dismiss.mutationOptions({ onSuccess: refresh }));
  if (!canAct) return null;
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" variant="danger" onClick={() => setConfirm("fulfil")}>
        Anonymise now
      </Button>
      <Button size="sm" onClick={() => setConfirm("dismiss")}>
        Decline
      </Button>
      <ConfirmDialog
        open={confirm === "fulfil"}
        onClose={() => setConfirm(null)}
        onConfirm={() => fulfil.mutate({ id: request.id })}
        title={`Anonymise ${request.email}?`}
        confirmLabel="Anonymise"
        tone="danger"
        typedConfirmation="ANONYMISE"
        pending={fulfil.isPending}
        error={fulfil.error?.message}
      >
        <p>
          Name, contact details and custom fields are erased and sign-in ends for good. {request.orderCount ? `${request.orderCount} order(s) are kept, without personal data, for accounting.` : ""} This cannot be undone.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "dismiss"}
        onClose={() => setConfirm(null)}
        onConfirm={() => dismiss.mutate({ id: request.id, note })}
        title="Decline this deletion request?"
        confirmLabel="Decline"
        pending={dismiss.isPending}
        error={dismiss.error?.message}
      >
        <TextField label="Why (the customer sees this)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      </ConfirmDialog>
    </div>
  );
}

/** On the user record: shown while the user has an open request to delete their account. */
export function DeletionRequestBanner({ userId, canAct }: { userId: number; canAct: boolean }) {
  const trpc = useTRPC();
  const request = useQuery(trpc.deletionRequests.forUser.queryOptions({ userId }));
  if (!request.data) return null;
  const r = request.data;
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 sm:flex-row sm:items-center sm:justify-between">
      <p>
        <strong>Deletion requested</strong> by the customer on {formatDate(r.createdAt)}
        {r.reason ? `: “${r.reason}”` : "."}
      </p>
      <DeletionActions request={r} canAct={canAct} />
    </div>
  );
}
