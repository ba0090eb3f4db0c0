"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef } from "react";
import { useTRPC } from "@/components/trpc/provider";

/** Ends every other session of the signed-in user after a confirmation; this browser stays signed in. */
export function LogOutOtherDevices() {
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const revoke = useMutation(trpc.session.revokeOthers.mutationOptions());

  const open = () => {
    revoke.reset();
    dialog.current?.showModal();
  };

  return (
    <div>
      <button
        type="button"
        onClick={open}
        className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
      >
        Log out other devices
      </button>
      {revoke.isSuccess ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {revoke.data.revoked === 0
            ? "No other devices were signed in."
            : `Logged out ${revoke.data.revoked} other ${revoke.data.revoked === 1 ? "session" : "sessions"}.`}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Log out other devices?
        </h2>
        <p id={bodyId} className="mt-2 text-sm text-slate-700">
          Every other browser and device signed in to your account is signed out on its next request. You stay signed in
          here.
        </p>
        {revoke.isError ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {revoke.error.message}
          </p>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
          >
            Cancel
          </button>
          <button
            type="button"
            onClick={() => revoke.mutate(undefined, { onSuccess: () => dialog.current?.close() })}
            disabled={revoke.isPending}
            className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
          >
            {revoke.isPending ? "Logging out…" : "Log out other devices"}
          </button>
        </div>
      </dialog>
    </div>
  );
}
