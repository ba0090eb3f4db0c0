import { capitalise, formatDate, formatDateTime, formatMoney, numberFmt } from "@/components/users/format";
import type { SettingsView } from "@/server/schemas/settings";
import type { UserRecord } from "@/server/schemas/users";

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900">{empty ? <span className="text-slate-500">—</span> : children}</dd>
    </div>
  );
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">{title}</h2>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">{children}</dl>
    </section>
  );
}

function customText(value: unknown, type: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (type === "boolean") return value === true ? "Yes" : "No";
  if (type === "date" && typeof value === "string") return formatDate(new Date(`${value}T00:00:00Z`));
  return String(value);
}

export function DetailsView({ user, settings }: { user: UserRecord; settings: SettingsView | undefined }) {
  const currency = settings?.currency ?? "GBP";
  const address = [user.addressLine1, user.addressLine2, user.city, user.region, user.postcode, user.country].filter(Boolean);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Group title="Personal details">
        <Item label="First name">{user.firstName}</Item>
        <Item label="Last name">{user.lastName}</Item>
        <Item label="Email">{user.email}</Item>
        <Item label="Phone">{user.phone}</Item>
        <Item label="Company">{user.company}</Item>
        <Item label="Job title">{user.jobTitle}</Item>
        <Item label="Address">
          {address.length ? (
            <span className="whitespace-pre-line">{address.join("\n")}</span>
          ) : null}
        </Item>
      </Group>
      <Group title="Account">
        <Item label="Role">{capitalise(user.role)}</Item>
        <Item label="Status">{capitalise(user.status)}</Item>
        <Item label="Level">{user.levelName}</Item>
        <Item label="Source">{capitalise(user.source)}</Item>
        <Item label="Prospect stage">{user.prospectStage ? capitalise(user.prospectStage) : null}</Item>
        <Item label="Can log in">
          {user.activity.active ? "Yes" : "No"}: {user.activity.reason.replace(/^(in)?active:\s*/i, "")}
        </Item>
        <Item label="Email confirmed">{user.emailConfirmedAt ? formatDateTime(user.emailConfirmedAt) : "Not confirmed"}</Item>
        <Item label="Password">
          {user.hasPassword ? (user.mustChangePassword ? "Set; must change at next login" : "Set") : "Not set"}
        </Item>
        <Item label="Invite">{capitalise(user.inviteState === "none" ? "not invited" : user.inviteState)}</Item>
        <Item label="Newsletter">
          {user.subscribed
            ? user.subscriptionConfirmedAt
              ? `Subscribed (confirmed ${formatDate(user.subscriptionConfirmedAt)})`
              : "Subscribed"
            : "Not subscribed"}
        </Item>
      </Group>
      <Group title="Orders">
        <Item label="Orders">{numberFmt.format(user.orderCount)}</Item>
        <Item label="Total spend">{formatMoney(user.totalSpendCents, currency)}</Item>
        <Item label="Last order">{user.lastOrderAt ? formatDate(user.lastOrderAt) : null}</Item>
        <Item label="Last active">{user.lastActiveAt ? formatDateTime(user.lastActiveAt) : "Never"}</Item>
      </Group>
      {settings?.customFields.length ? (
        <Group title="Custom fields">
          {settings.customFields.map((d) => (
            <Item key={d.key} label={d.label}>
              {customText(user.customFields[d.key], d.type)}
            </Item>
          ))}
        </Group>
      ) : null}
    </div>
  );
}
