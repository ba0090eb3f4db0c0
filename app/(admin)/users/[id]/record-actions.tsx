"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { displayName } from "@/components/users/format";
import type { UserRecord } from "@/server/schemas/users";
import { DeleteDialog } from "./delete-dialog";

/** Activate / deactivate and delete (U5), each confirmed first. */
export function RecordActions({ user }: { user: UserRecord }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<"approved" | "suspended" | null>(null);
  const [deleting, setDeleting] = useState(false);

  const setStatus = useMutation(
    trpc.users.setStatus.mutationOptions({
      onSuccess: async (record) => {
        queryClient.setQueryData(trpc.users.get.queryKey({ id: record.id }), record);
        setConfirm(null);
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
      },
    }),
  );

  const name = displayName(user);
  const active = user.status === "approved";
  return (
    <div className="flex flex-wrap gap-2">
      {active ? (
        <Button onClick={() => setConfirm("suspended")}>Deactivate</Button>
      ) : (
        <Button variant="primary" onClick={() => setConfirm("approved")}>
          Activate
        </Button>
      )}
      <Button variant="danger" onClick={() => setDeleting(true)}>
        Delete…
      </Button>

      <ConfirmDialog
        open={confirm !== null}
        onClose={() => {
          setConfirm(null);
          setStatus.reset();
        }}
        onConfirm={() => confirm && setStatus.mutate({ id: user.id, status: confirm })}
        title={confirm === "suspended" ? `Deactivate ${name}?` : `Activate ${name}?`}
        confirmLabel={confirm === "suspended" ? "Deactivate" : "Activate"}
        tone={confirm === "suspended" ? "danger" : "primary"}
        pending={setStatus.isPending}
        error={setStatus.error?.message}
      >
        {confirm === "suspended" ? (
          <p>
            Their status becomes <strong>suspended</strong>: they can no longer log in and are{" "}
            <strong>signed out everywhere</strong> straight away. You can activate them again later.
          </p>
        ) : (
          <p>
            Their status becomes <strong>approved</strong>, so they can log in (if they have a password and, where
            required, a confirmed email).
          </p>
        )}
      </ConfirmDialog>

      {deleting ? <DeleteDialog user={user} onClose={() => setDeleting(false)} /> : null}
    </div>
  );
}
