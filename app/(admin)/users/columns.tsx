import { Badge } from "@/components/ui/badge";
import { capitalise, formatDate, formatMoney, numberFmt } from "@/components/users/format";
import { ActivityCell, StatusBadge } from "@/components/users/user-badges";
import type { UserListItem, UserSort } from "@/server/schemas/users";

export interface ColumnContext {
  currency: string;
}

export interface Column {
  key: string;
  label: string;
  sort?: UserSort;
  numeric?: boolean;
  className?: string;
  render: (u: UserListItem, ctx: ColumnContext) => React.ReactNode;
}

/** Optional columns; the user column (name, email, select) is always shown. */
export const COLUMNS: readonly Column[] = [
  { key: "company", label: "Company", render: (u) => u.company ?? <Muted />, className: "max-w-40 truncate" },
  { key: "phone", label: "Phone", render: (u) => u.phone ?? <Muted />, className: "whitespace-nowrap" },
  { key: "status", label: "Status", render: (u) => <StatusBadge status={u.status} /> },
  {
    key: "activity",
    label: "Activity",
    render: (u) => <ActivityCell activity={u.activity} />,
    className: "max-w-52",
  },
  { key: "level", label: "Level", render: (u) => u.levelName ?? <Muted /> },
  { key: "smartType", label: "Smart type", render: (u) => u.smartTypeName ?? <Muted /> },
  { key: "role", label: "Role", render: (u) => capitalise(u.role) },
  { key: "source", label: "Source", render: (u) => capitalise(u.source) },
  {
    key: "subscribed",
    label: "Newsletter",
    render: (u) => (u.subscribed ? <Badge tone="blue">Subscribed</Badge> : <span className="text-slate-600">No</span>),
  },
  {
    key: "stage",
    label: "Prospect stage",
    render: (u) => (u.prospectStage ? capitalise(u.prospectStage) : <Muted />),
  },
  { key: "orders", label: "Orders", numeric: true, render: (u) => numberFmt.format(u.orderCount) },
  {
    key: "spend",
    label: "Total spend",
    sort: "totalSpend",
    numeric: true,
    render: (u, ctx) => formatMoney(u.totalSpendCents, ctx.currency),
  },
  { key: "lastOrder", label: "Last order", render: (u) => formatDate(u.lastOrderAt), className: "whitespace-nowrap" },
  {
    key: "lastActive",
    label: "Last active",
    sort: "lastActive",
    render: (u) => formatDate(u.lastActiveAt),
    className: "whitespace-nowrap",
  },
  { key: "created", label: "Registered", sort: "created", render: (u) => formatDate(u.createdAt), className: "whitespace-nowrap" },
];

export const DEFAULT_COLUMNS = ["company", "status", "activity", "level", "smartType", "spend"];

function Muted() {
  return <span className="text-slate-500">—</span>;
}
