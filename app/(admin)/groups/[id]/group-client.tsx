"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorText, plural } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton, Spinner } from "@/components/ui/spinner";
import { ErrorState } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { GroupFormDialog } from "../group-form";
import { EmailsPanel } from "./emails-panel";
import { MembersPanel } from "./members-panel";
import { MessagesPanel } from "./messages-panel";
import { PricingPanel } from "./pricing-panel";

const TABS = [
  { key: "members", label: "Members" },
  { key: "pricing", label: "Pricing" },
  { key: "messages", label: "Login messages" },
  { key: "emails", label: "Emails" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

export function GroupClient({ id }: { id: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const group = useQuery(trpc.groups.get.queryOptions({ id }));
  const me = useQuery(trpc.session.me.queryOptions());
  const canEdit = me.data?.role === "admin" || me.data?.role === "owner";
  const [tab, setTab] = useState<TabKey>("members");
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.groups.pathKey() });
  const update = useMutation(trpc.groups.update.mutationOptions({ onSuccess: async () => { setEditing(false); await refresh(); } }));
  const preview = useQuery({ ...trpc.groups.deletePreview.queryOptions({ id }), enabled: deleting, staleTime: 0 });
  const remove = useMutation(
    trpc.groups.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        router.push("/groups");
      },
    }),
  );

  const back = (
    <Link href="/groups" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
      <span aria-hidden="true">←</span> Groups
    </Link>
  );
  if (group.isPending) {
    return (
      <div className="space-y-4" role="status" aria-label="Loading group">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (group.isError) {
    const gone = group.error.data?.code === "NOT_FOUND";
    return (
      <div className="space-y-4">
        {back}
        <ErrorState title={gone ? "This group no longer exists" : "Could not load this group"} message={group.error.message} onRetry={gone ? undefined : () => void group.refetch()} />
      </div>
    );
  }
  const g = group.data;
  const p = preview.data;
  return (
    <div className="space-y-5">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{g.name}</h1>
          {g.description ? <p className="mt-1 text-sm text-slate-700">{g.description}</p> : null}
          <div className="mt-2 flex flex-wrap gap-1.5">
            <Badge>{plural(g.memberCount, "member")}</Badge>
            {g.taxExempt ? <Badge tone="green">Tax-exempt: members pay no tax</Badge> : null}
            {g.smartTypes.map((t) => (
              <Badge key={t.id} tone="violet">
                Smart type {t.name} (priority {t.position})
              </Badge>
            ))}
          </div>
        </div>
        {canEdit ? (
          <div className="flex gap-2">
            <Button onClick={() => setEditing(true)}>Edit</Button>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </div>
        ) : null}
      </div>

      <Tabs label="Group" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === "members" ? <MembersPanel group={g} canEdit={canEdit} /> : null}
        {tab === "pricing" ? <PricingPanel groupId={g.id} canEdit={canEdit} /> : null}
        {tab === "messages" ? <MessagesPanel groupId={g.id} canEdit={canEdit} /> : null}
        {tab === "emails" ? <EmailsPanel group={g} canEdit={canEdit} /> : null}
      </Tabs>

      {editing ? (
        <GroupFormDialog
          title={`Edit ${g.name}`}
          submitLabel="Save"
          initial={{ name: g.name, description: g.description, taxExempt: g.taxExempt }}
          pending={update.isPending}
          error={update.error}
          onSubmit={(v) => update.mutate({ id: g.id, ...v })}
          onClose={() => {
            setEditing(false);
            update.reset();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: g.id })}
        title={`Delete ${g.name}?`}
        confirmLabel="Delete group"
        tone="danger"
        pending={remove.isPending || preview.isPending}
        error={remove.isError ? errorText(remove.error) : preview.isError ? errorText(preview.error) : null}
        typedConfirmation={g.memberCount > 0 ? g.name : undefined}
      >
        {preview.isPending ? (
          <Spinner label="Working out what this affects" />
        ) : p ? (
          <ul className="list-disc space-y-1 pl-5">
            <li>
              {plural(p.memberCount, "member")} leave the group; their accounts, orders and other groups stay. Each timeline records it.
            </li>
            {p.smartTypes.length ? (
              <li>
                {plural(p.smartTypeChanges, "user")} change smart type (the group feeds {p.smartTypes.join(", ")}).
              </li>
            ) : null}
            {g.taxExempt ? <li>{plural(p.taxExemptLosing, "user")} stop being tax-exempt (no other exempt group).</li> : null}
            {p.priceBreaks ? <li>{plural(p.priceBreaks, "price break")} are deleted.</li> : null}
            {p.messages ? <li>{plural(p.messages, "login message")} are deleted.</li> : null}
            <li>This cannot be undone.</li>
          </ul>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
