"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/states";
import { displayName, numberFmt } from "@/components/users/format";
import type { UserRecord } from "@/server/schemas/users";

type Mode = "anonymise" | "delete";

/** Anonymise (keeps orders) or delete entirely (only without orders); deleting needs the email typed. */
export function DeleteDialog({ user, onClose }: { user: UserRecord; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const hasOrders = user.orderCount > 0;
  const [mode, setMode] = useState<Mode>("anonymise");
  const [typed, setTyped] = useState("");

  const del = useMutation(
    trpc.users.delete.mutationOptions({
      onSuccess: async (res) => {
        if (res.mode === "delete") {
          queryClient.removeQueries({ queryKey: trpc.users.get.queryKey({ id: user.id }) });
          await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
          router.push("/users");
          return;
        }
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
        onClose();
      },
      onError: (err) => {
        // The user gained orders since the page loaded: anonymising is the way.
        if (err.data?.code === "BAD_REQUEST" && mode === "delete") setMode("anonymise");
      },
    }),
  );

  const ready = mode === "anonymise" || typed.trim().toLowerCase() === user.email.toLowerCase();
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete ${displayName(user)}?`}
      dismissable={!del.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={del.isPending}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={!ready}
            loading={del.isPending}
            onClick={() => del.mutate({ id: user.id, mode })}
          >
            {mode === "anonymise" ? "Anonymise user" : "Delete permanently"}
          </Button>
        </>
      }
    >
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm text-slate-700">Choose how to remove this user. Both are permanent.</legend>
        <Option checked={mode === "anonymise"} onSelect={() => setMode("anonymise")} title="Anonymise (recommended)">
          Erases personal data: name, email, phone, address and custom fields. Orders and quotes stay, unnamed, so
          your accounts still add up.
        </Option>
        <Option
          checked={mode === "delete"}
          onSelect={() => setMode("delete")}
          disabled={hasOrders}
          title="Delete entirely"
        >
          {hasOrders
            ? `Not possible: this user has ${numberFmt.format(user.orderCount)} order${user.orderCount === 1 ? "" : "s"}, which must be kept for accounting. Anonymise instead.`
            : "Removes the record and its timeline completely. Only possible because this user has no orders."}
        </Option>
      </fieldset>
      {mode === "delete" ? (
        <TextField
          className="mt-4"
          label={
            <>
              Type the user’s email <span className="font-mono font-semibold">{user.email}</span> to confirm
            </>
          }
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      ) : null}
      {del.isError ? (
        <Alert className="mt-4">
          {del.error.data?.code === "BAD_REQUEST" && del.variables?.mode === "delete"
            ? `${del.error.message.replace(/^mode:\s*/, "This user cannot be deleted entirely: ")}. Anonymise is selected instead.`
            : del.error.message}
        </Alert>
      ) : null}
    </Dialog>
  );
}

function Option({
  checked,
  onSelect,
  title,
  disabled,
  children,
}: {
  checked: boolean;
  onSelect: () => void;
  title: string;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <label
      className={`flex gap-3 rounded-lg border p-3 ${checked ? "border-brand-600 bg-brand-50" : "border-slate-300"} ${disabled ? "cursor-not-allowed opacity-75" : "cursor-pointer"}`}
    >
      <input
        type="radio"
        name="delete-mode"
        checked={checked}
        disabled={disabled}
        onChange={onSelect}
        className="mt-0.5 size-4 accent-brand-600"
      />
      <span>
        <span className="block text-sm font-semibold text-slate-900">{title}</span>
        <span className="block text-sm text-slate-700">{children}</span>
      </span>
    </label>
  );
}
