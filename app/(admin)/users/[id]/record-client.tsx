"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useSyncExternalStore } from "react";
import { ProspectStageControl } from "@/components/sales/prospect-stage";
import { SALES_TABS, SalesTabPanel, type SalesTabKey } from "@/components/sales/record-tabs";
import { DevicesPanel } from "@/components/devices/devices-panel";
import { DeletionRequestBanner } from "@/components/account/deletion-banner";
import { GroupsTagsTab } from "@/components/groups/groups-tags-tab";
import { TimelinePanel } from "@/components/timeline/timeline-panel";
import { useTRPC } from "@/components/trpc/provider";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, ErrorState } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { canManageRole } from "@/components/users/permissions";
import { LAST_LIST_KEY } from "../list-params";
import { DetailsTab } from "./details-tab";
import { RecordHeader } from "./record-header";

const TABS: ReadonlyArray<{ key: TabKey; label: React.ReactNode }> = [
  { key: "details", label: "Details" },
  { key: "groups", label: "Groups & tags" },
  ...SALES_TABS.slice(0, 2),
  { key: "timeline", label: "Timeline" },
  ...SALES_TABS.slice(2),
];
/** D1: only on staff accounts, only for admins and owners. */
const DEVICES_TAB = { key: "devices", label: "Devices" } as const;
type TabKey = "details" | "groups" | "timeline" | SalesTabKey | typeof DEVICES_TAB.key;

const noSubscribe = () => () => {};
function lastListHref(): string {
  const saved = window.sessionStorage.getItem(LAST_LIST_KEY);
  return saved?.startsWith("/users") ? saved : "/users";
}

export function RecordClient({ id }: { id: number }) {
  const trpc = useTRPC();
  const user = useQuery(trpc.users.get.queryOptions({ id }));
  const settings = useQuery(trpc.settings.get.queryOptions());
  const me = useQuery(trpc.session.me.queryOptions());
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const tab: TabKey = [...TABS, DEVICES_TAB].find((t) => t.key === searchParams.get("tab"))?.key ?? "details";

  // Back to the list the admin came from, filters and all.
  const backHref = useSyncExternalStore(noSubscribe, lastListHref, () => "/users");

  const selectTab = (key: TabKey) => {
    const sp = new URLSearchParams(window.location.search);
    if (key === "details") sp.delete("tab");
    else sp.set("tab", key);
    const qs = sp.toString();
    window.history.pushState(null, "", qs ? `${pathname}?${qs}` : pathname);
  };

  const back = (
    <Link href={backHref} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
      <span aria-hidden="true">←</span> Users
    </Link>
  );

  if (user.isPending) {
    return (
      <div className="space-y-4" role="status" aria-label="Loading user">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-80" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (user.isError) {
    const gone = user.error.data?.code === "NOT_FOUND";
    return (
      <div className="space-y-4">
        {back}
        <ErrorState
          title={gone ? "This user no longer exists" : "Could not load this user"}
          message={gone ? "They may have been deleted by someone else." : user.error.message}
          onRetry={gone ? undefined : () => void user.refetch()}
          retrying={user.isRefetching}
        />
      </div>
    );
  }

  const record = user.data;
  const role = me.data?.role;
  const canEdit = canManageRole(role, record.role) && !record.anonymisedAt;
  const isSelf = me.data?.id === record.id;
  const showDevices = (role === "owner" || role === "admin") && record.role !== "customer";
  const tabs = showDevices ? [...TABS, DEVICES_TAB] : TABS;
  const shownTab: TabKey = tab === "devices" && !showDevices ? "details" : tab;

  return (
    <div className="space-y-5">
      {back}
      <RecordHeader user={record} canManage={canEdit && !isSelf} readOnlyReason={readOnlyReason(role, record)} />
      {record.anonymisedAt ? null : <DeletionRequestBanner userId={id} canAct={role === "owner" || role === "admin"} />}
      {searchParams.get("inviteError") ? <Alert tone="warning">Created, but the invite was not sent: {searchParams.get("inviteError")}</Alert> : null}
      {record.source === "prospect" && (role === "owner" || role === "admin") && !record.anonymisedAt ? (
        <ProspectStageControl userId={id} stage={record.prospectStage} />
      ) : null}
      <Tabs label="User record" tabs={tabs} selected={shownTab} onSelect={selectTab}>
        {shownTab === "devices" ? (
          <DevicesPanel scope={{ kind: "user", userId: id }} />
        ) : shownTab === "details" ? (
          <DetailsTab user={record} settings={settings.data} canEdit={canEdit} actorRole={role} isSelf={isSelf} />
        ) : shownTab === "groups" ? (
          <GroupsTagsTab userId={id} canEdit={role === "owner" || role === "admin"} />
        ) : shownTab === "timeline" ? (
          <TimelinePanel userId={id} />
        ) : (
          <SalesTabPanel tab={shownTab} userId={id} canEdit={role === "owner" || role === "admin"} currency={settings.data?.currency ?? "GBP"} />
        )}
      </Tabs>
    </div>
  );
}

function readOnlyReason(
  role: string | undefined,
  record: { role: string; anonymisedAt: Date | null },
): string | null {
  if (record.anonymisedAt) return "This user was anonymised: personal data is erased and the record can no longer be edited.";
  if (role === "manager") return null;
  if (role === "admin" && (record.role === "owner" || record.role === "admin")) {
    return `Only an owner can change ${record.role} accounts.`;
  }
  return null;
}
