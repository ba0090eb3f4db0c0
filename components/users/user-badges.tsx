import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ActivityReason, UserStatus } from "@/server/schemas/users";

const STATUS_TONES: Record<UserStatus, BadgeTone> = {
  approved: "green",
  pending: "amber",
  suspended: "red",
  rejected: "grey",
};

export function StatusBadge({ status }: { status: UserStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{status.charAt(0).toUpperCase() + status.slice(1)}</Badge>;
}

/** Active or not, with the reason in words (U1): colour is never the only signal. */
export function ActivityBadge({ activity, compact = false }: { activity: ActivityReason; compact?: boolean }) {
  const reason = activity.reason.replace(/^(in)?active:\s*/i, "");
  return (
    <Badge
      tone={activity.active ? "green" : "grey"}
      title={activity.reason}
      className={compact ? "overflow-hidden" : "whitespace-normal"}
    >
      <span
        aria-hidden="true"
        className={`size-1.5 shrink-0 rounded-full ${activity.active ? "bg-emerald-600" : "bg-slate-500"}`}
      />
      <span className={compact ? "truncate" : undefined}>
        <span className="font-semibold">{activity.active ? "Active" : "Inactive"}</span>
        {reason ? `: ${reason}` : ""}
      </span>
    </Badge>
  );
}

/** Table form: a short state badge with the reason beneath, matching the two-line user cell. */
export function ActivityCell({ activity }: { activity: ActivityReason }) {
  const reason = activity.reason.replace(/^(in)?active:\s*/i, "");
  return (
    <div className="min-w-0">
      <Badge tone={activity.active ? "green" : "grey"}>
        <span
          aria-hidden="true"
          className={`size-1.5 shrink-0 rounded-full ${activity.active ? "bg-emerald-600" : "bg-slate-500"}`}
        />
        {activity.active ? "Active" : "Inactive"}
        <span className="sr-only">: </span>
      </Badge>
      <span className="mt-0.5 block truncate text-xs text-slate-600" title={reason}>
        {reason}
      </span>
    </div>
  );
}
