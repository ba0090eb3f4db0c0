"use client";

import { Badge } from "@/components/ui/badge";
import { Alert } from "@/components/ui/states";
import { capitalise, displayName, formatDate } from "@/components/users/format";
import { ActivityBadge, StatusBadge } from "@/components/users/user-badges";
import type { UserRecord } from "@/server/schemas/users";
import { RecordActions } from "./record-actions";
import { AccountActions } from "@/components/users/account-actions";

export function RecordHeader({
  user,
  canManage,
  readOnlyReason,
}: {
  user: UserRecord;
  canManage: boolean;
  readOnlyReason: string | null;
}) {
  return (
    <header className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{displayName(user)}</h1>
          <p className="truncate text-sm text-slate-600">
            <a href={`mailto:${user.email}`} className="hover:underline">
              {user.email}
            </a>
            {user.company ? <> · {user.company}</> : null}
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2 sm:max-w-xl sm:justify-end">
            <AccountActions user={user} />
            <RecordActions user={user} />
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <StatusBadge status={user.status} />
        <ActivityBadge activity={user.activity} />
        {user.levelName ? <Badge tone="violet">Level: {user.levelName}</Badge> : <Badge>No level</Badge>}
        <Badge>{capitalise(user.role)}</Badge>
        <Badge>Source: {capitalise(user.source)}</Badge>
        {user.subscribed ? <Badge tone="blue">Newsletter subscriber</Badge> : null}
        {user.prospectStage ? <Badge tone="amber">Prospect: {capitalise(user.prospectStage)}</Badge> : null}
      </div>
      <p className="text-xs text-slate-600">
        Registered {formatDate(user.createdAt)} · Updated {formatDate(user.updatedAt)} · ID {user.id}
      </p>
      {readOnlyReason ? <Alert tone="info">{readOnlyReason}</Alert> : null}
    </header>
  );
}
