"use client";

import Link from "next/link";
import { diffRecords, fieldLabel, formatValue } from "@/components/audit/diff";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/users/format";
import type { AuditItem } from "@/server/schemas/audit";

export interface RowActions {
  onActor: (item: AuditItem) => void;
  onTarget: (item: AuditItem) => void;
}

function actionTone(action: string) {
  if (/delete|remove|revoke|anonymi|locked/.test(action)) return "red" as const;
  if (/create|add/.test(action)) return "green" as const;
  return "blue" as const;
}

function When({ at }: { at: Date }) {
  return (
    <time dateTime={at.toISOString()} title={at.toISOString()} className="whitespace-nowrap text-slate-700">
      {formatDateTime(at)}
    </time>
  );
}

function Actor({ item, onActor }: { item: AuditItem; onActor: RowActions["onActor"] }) {
  const label = item.actorName ?? item.actorEmail ?? "System";
  if (!item.actorId) return <span className="text-slate-700">{label}</span>;
  return (
    <button
      type="button"
      onClick={() => onActor(item)}
      className="max-w-full truncate text-left text-brand-700 underline-offset-2 hover:underline"
      title={`Show only changes by ${item.actorEmail ?? label}`}
    >
      {label}
      {item.actorName && item.actorEmail ? <span className="block truncate text-xs text-slate-600">{item.actorEmail}</span> : null}
    </button>
  );
}

function Target({ item, onTarget }: { item: AuditItem; onTarget: RowActions["onTarget"] }) {
  const label = `${fieldLabel(item.targetType)}${item.targetId ? ` #${item.targetId}` : ""}`;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2">
      <button
        type="button"
        onClick={() => onTarget(item)}
        className="text-left text-brand-700 underline-offset-2 hover:underline"
        title="Show only changes to this record"
      >
        {label}
      </button>
      {item.targetType === "user" && item.targetId ? (
        <Link href={`/users/${item.targetId}`} className="text-xs text-slate-600 underline underline-offset-2">
          Open
        </Link>
      ) : null}
    </span>
  );
}

/** Before → after, one line per changed field. */
export function Changes({ item }: { item: AuditItem }) {
  const changes = diffRecords(item.before, item.after);
  if (changes.length === 0) return <span className="text-slate-500">No field changes recorded</span>;
  const creation = !item.before;
  const deletion = !item.after;
  return (
    <ul className="space-y-0.5">
      {changes.map((c) => (
        <li key={c.field} className="break-words">
          <span className="font-medium text-slate-800">{fieldLabel(c.field)}:</span>{" "}
          {creation ? (
            <span className="text-emerald-800">{formatValue(c.after)}</span>
          ) : deletion ? (
            <span className="text-red-800 line-through decoration-red-300">{formatValue(c.before)}</span>
          ) : (
            <>
              <span className="text-red-800">{formatValue(c.before)}</span>
              <span aria-label="changed to" className="px-1 text-slate-500">
                →
              </span>
              <span className="text-emerald-800">{formatValue(c.after)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ items, actions }: { items: AuditItem[]; actions: RowActions }) {
  return (
    <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white md:block">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">When</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Record</th>
            <th scope="col" className="px-3 py-2">Changes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {items.map((item) => (
            <tr key={item.id}>
              <td className="px-3 py-2.5">
                <When at={item.createdAt} />
                {item.ip ? <span className="block text-xs text-slate-500">{item.ip}</span> : null}
              </td>
              <td className="max-w-48 px-3 py-2.5">
                <Actor item={item} onActor={actions.onActor} />
              </td>
              <td className="px-3 py-2.5">
                <Badge tone={actionTone(item.action)} className="font-mono">
                  {item.action}
                </Badge>
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap">
                <Target item={item} onTarget={actions.onTarget} />
              </td>
              <td className="min-w-64 px-3 py-2.5 text-slate-700">
                <Changes item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditCards({ items, actions }: { items: AuditItem[]; actions: RowActions }) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Audit log entries, newest first">
      {items.map((item) => (
        <li key={item.id} className="rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Badge tone={actionTone(item.action)} className="font-mono">
              {item.action}
            </Badge>
            <span className="text-xs">
              <When at={item.createdAt} />
            </span>
          </div>
          <dl className="mt-2 grid grid-cols-[4.5rem_1fr] gap-x-2 gap-y-1">
            <dt className="text-slate-600">Who</dt>
            <dd className="min-w-0">
              <Actor item={item} onActor={actions.onActor} />
            </dd>
            <dt className="text-slate-600">Record</dt>
            <dd>
              <Target item={item} onTarget={actions.onTarget} />
            </dd>
            <dt className="text-slate-600">Changes</dt>
            <dd className="min-w-0 text-slate-700">
              <Changes item={item} />
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
