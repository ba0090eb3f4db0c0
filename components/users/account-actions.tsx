"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { fieldError } from "@/components/auth/trpc-field-error";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/states";
import type { UserRecord } from "@/server/schemas/users";
import { displayName } from "./format";
import { MessageDialog } from "./message-dialog";

type Open = "message" | "reset" | "temporary" | null;

/** A readable random password: four groups of letters and digits, well above the strength bar. */
function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return chars.match(/.{5}/g)?.join("-") ?? chars;
}

/** U6 and U9 on the user record: send a reset link, set a temporary password, send a message. */
export function AccountActions({ user }: { user: UserRecord }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const name = displayName(user);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.timeline.list.infiniteQueryFilter({ userId: user.id })),
      queryClient.invalidateQueries({ queryKey: trpc.users.get.queryKey({ id: user.id }) }),
    ]);
  };
  const sendReset = useMutation(
    trpc.passwords.sendResetLink.mutationOptions({
      onSuccess: async ({ email }) => {
        setOpen(null);
        setDone(`A reset link was emailed to ${email}. It works once, for 1 hour.`);
        await refresh();
      },
    }),
  );
  const setTemporary = useMutation(
    trpc.passwords.setTemporary.mutationOptions({
      onSuccess: async ({ endedSessions }) => {
        setOpen(null);
        setDone(
          `Temporary password set for ${name}${endedSessions ? `; ${endedSessions} session(s) signed out` : ""}. Give it to them privately: they must choose their own at next sign-in.`,
        );
        await refresh();
      },
    }),
  );
  const close = () => {
    setOpen(null);
    sendReset.reset();
    setTemporary.reset();
  };
  const canEmail = !user.anonymisedAt;

  return (
    <>
      <Button onClick={() => { setDone(null); setOpen("message"); }} disabled={!canEmail}>
        Send message
      </Button>
      <Button onClick={() => { setDone(null); setOpen("reset"); }} disabled={!canEmail}>
        Send reset link
      </Button>
      <Button onClick={() => { setDone(null); setPassword(""); setOpen("temporary"); }} disabled={!canEmail}>
        Set temporary password…
      </Button>
      {done ? (
        <Alert tone="success" className="basis-full">
          {done}
        </Alert>
      ) : null}

      {open === "message" ? (
        <MessageDialog
          userId={user.id}
          recipient={`${name} <${user.email}>`}
          onClose={close}
          onSent={(subject) => {
            setOpen(null);
            setDone(`“${subject}” is queued for ${user.email}; the timeline shows when it is sent.`);
          }}
        />
      ) : null}

      <ConfirmDialog
        open={open === "reset"}
        onClose={close}
        onConfirm={() => sendReset.mutate({ userId: user.id })}
        title={`Email ${name} a reset link?`}
        confirmLabel="Send reset link"
        pending={sendReset.isPending}
        error={sendReset.error?.message}
      >
        <p>
          {user.email} gets a link to set a new password. Their current password keeps working until they use it; using it
          signs them out everywhere.
        </p>
      </ConfirmDialog>

      {open === "temporary" ? (
        <Dialog
          open
          onClose={close}
          title={`Set a temporary password for ${name}`}
          description="They are signed out everywhere now, and must choose their own password when they next sign in."
          dismissable={!setTemporary.isPending}
          footer={
            <>
              <Button onClick={close} disabled={setTemporary.isPending}>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => setTemporary.mutate({ userId: user.id, password })} loading={setTemporary.isPending}>
                Set temporary password
              </Button>
            </>
          }
        >
          <div className="space-y-3">
            <NewPasswordField
              label="Temporary password"
              name="temporaryPassword"
              value={password}
              onChange={setPassword}
              context={[user.email, user.firstName, user.lastName]}
              error={fieldError(setTemporary.error, "password")}
            />
            <Button size="sm" variant="ghost" onClick={() => setPassword(generatePassword())}>
              Generate one
            </Button>
            {setTemporary.isError && !fieldError(setTemporary.error, "password") ? <Alert>{setTemporary.error.message}</Alert> : null}
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
