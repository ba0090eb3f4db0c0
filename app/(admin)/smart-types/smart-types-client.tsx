"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { errorText, plural } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton, Spinner } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import type { SmartType } from "@/server/schemas/smart-types";
import { TypeEditor } from "./type-editor";

/** G6: the ordered list; a user's type is the first whose groups contain them. */
export function SmartTypesClient() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const types = useQuery(trpc.groups.smartTypes.list.queryOptions());
  const report = useQuery(trpc.groups.smartTypes.report.queryOptions());
  const me = useQuery(trpc.session.me.queryOptions());
  const canEdit = me.data?.role === "admin" || me.data?.role === "owner";
  const saved = useMemo(() => types.data ?? [], [types.data]);
  // The admin's unsaved order; null follows the saved one.
  const [draft, setDraft] = useState<number[] | null>(null);
  const order = draft ?? saved.map((t) => t.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<SmartType | "new" | null>(null);
  const [deleting, setDeleting] = useState<SmartType | null>(null);
  const byId = new Map(saved.map((t) => [t.id, t]));
  const dirty = order.length === saved.length && order.some((id, i) => id !== saved[i]?.id);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.groups.pathKey() });

  const layout = { items: order.map((id) => ({ id, groupIds: byId.get(id)?.groups.map((g) => g.id) ?? [] })) };
  const preview = useQuery({ ...trpc.groups.smartTypes.preview.queryOptions(layout), enabled: canEdit && dirty, placeholderData: keepPreviousData, staleTime: 0 });
  const reorder = useMutation(
    trpc.groups.smartTypes.reorder.mutationOptions({
      onSuccess: async (res) => {
        setNotice(`New order saved. ${plural(res.changed, "user")} changed type.`);
        await refresh();
        setDraft(null);
      },
    }),
  );
  const delPreview = useQuery({ ...trpc.groups.smartTypes.deletePreview.queryOptions({ id: deleting?.id ?? 0 }), enabled: deleting !== null, staleTime: 0 });
  const remove = useMutation(
    trpc.groups.smartTypes.delete.mutationOptions({
      onSuccess: async (res) => {
        setNotice(`${deleting?.name} deleted. ${plural(res.changed, "user")} changed type.`);
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    const [id] = next.splice(i, 1);
    if (id !== undefined) next.splice(i + by, 0, id);
    setDraft(next);
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Smart types</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Each user gets the first type, from the top, whose groups contain them, so a user in several groups is counted once.
          </p>
        </div>
        {canEdit ? (
          <Button variant="primary" onClick={() => setEditing("new")}>
            New smart type
          </Button>
        ) : null}
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {types.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : types.isError ? (
        <ErrorState message={types.error.message} onRetry={() => void types.refetch()} />
      ) : saved.length === 0 ? (
        <EmptyState title="No smart types yet" description="Create types such as Distributor, Dealer, Trade and Retail, each tied to groups." />
      ) : (
        <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Smart types in priority order">
          {order.map((id, i) => {
            const t = byId.get(id);
            if (!t) return null;
            return (
              <li key={id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
                <span className="w-14 text-sm text-slate-600 tabular-nums">Priority {i + 1}</span>
                <span className="min-w-0 flex-1 basis-48">
                  <span className="font-semibold text-slate-900">{t.name}</span>
                  <span className="block text-sm text-slate-600">{t.groups.length ? `Groups: ${t.groups.map((g) => g.name).join(", ")}` : "No groups yet: nobody has this type"}</span>
                </span>
                <Link href={`/users?smartType=${t.id}`} className="text-sm text-slate-700 tabular-nums hover:underline">
                  {plural(t.userCount, "user")}
                </Link>
                {canEdit ? (
                  <span className="flex flex-wrap gap-1">
                    <Button size="sm" variant="ghost" aria-label={`Move ${t.name} up`} disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)}>
                      ↑ <span className="sr-only sm:not-sr-only">Up</span>
                    </Button>
                    <Button size="sm" variant="ghost" aria-label={`Move ${t.name} down`} disabled={i === order.length - 1 || reorder.isPending} onClick={() => move(i, 1)}>
                      ↓ <span className="sr-only sm:not-sr-only">Down</span>
                    </Button>
                    <Button size="sm" onClick={() => setEditing(t)}>
                      Edit<span className="sr-only"> {t.name}</span>
                    </Button>
                    <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(t)}>
                      Delete<span className="sr-only"> {t.name}</span>
                    </Button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {dirty ? (
        <div role="region" aria-label="Unsaved order" className="flex flex-wrap items-center gap-3 rounded-xl border border-amber-200 bg-amber-50 p-3 text-sm">
          <span aria-live="polite" className="font-medium text-amber-950">
            {preview.isPending ? <Spinner label="Counting users who change type" /> : preview.isError ? errorText(preview.error) : `Saving this order changes the type of ${plural(preview.data?.changes ?? 0, "user")}.`}
          </span>
          <span className="flex gap-2 sm:ml-auto">
            <Button onClick={() => setDraft(null)} disabled={reorder.isPending}>
              Reset
            </Button>
            <Button
              variant="primary"
              loading={reorder.isPending}
              disabled={!preview.data || preview.isFetching}
              onClick={() => preview.data && reorder.mutate({ ids: order, expectedChanges: preview.data.changes })}
            >
              Save order
            </Button>
          </span>
          {reorder.isError ? <Alert className="w-full">{errorText(reorder.error)}</Alert> : null}
        </div>
      ) : null}

      <section aria-labelledby="report" className="space-y-2">
        <h2 id="report" className="text-lg font-semibold">
          Users per smart type
        </h2>
        {report.data ? (
          <table className="w-full max-w-lg text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-1.5 font-medium">Smart type</th>
                <th scope="col" className="py-1.5 text-right font-medium">Users</th>
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100">
                  <td className="py-1.5">{r.name}</td>
                  <td className="py-1.5 text-right tabular-nums">{r.users.toLocaleString("en-GB")}</td>
                </tr>
              ))}
              <tr className="font-semibold">
                <td className="py-1.5">Users with a smart type</td>
                <td className="py-1.5 text-right tabular-nums">{report.data.typedUsers.toLocaleString("en-GB")}</td>
              </tr>
              <tr className="text-slate-600">
                <td className="py-1.5">Users without one</td>
                <td className="py-1.5 text-right tabular-nums">{report.data.untypedUsers.toLocaleString("en-GB")}</td>
              </tr>
            </tbody>
          </table>
        ) : report.isError ? (
          <Alert>{report.error.message}</Alert>
        ) : (
          <Skeleton className="h-24 w-full max-w-lg" />
        )}
      </section>

      {editing ? (
        <TypeEditor
          types={saved}
          editing={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async (msg) => {
            setEditing(null);
            setNotice(msg);
            await refresh();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && delPreview.data && remove.mutate({ id: deleting.id, expectedChanges: delPreview.data.changes })}
        title={`Delete ${deleting?.name ?? ""}?`}
        confirmLabel="Delete smart type"
        tone="danger"
        pending={remove.isPending || delPreview.isPending}
        error={remove.isError ? errorText(remove.error) : null}
      >
        <p>{delPreview.data ? `${plural(delPreview.data.changes, "user")} change type (to the next matching type, or none).` : "Counting who this affects…"} Groups and memberships stay.</p>
      </ConfirmDialog>
    </div>
  );
}
