import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/states";
import { formatDateTime } from "@/components/users/format";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/session";
import { devMailboxEnabled } from "@/server/env";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/** What the app would have emailed, for owners, while no SMTP server is configured. Absent in production. */
export default async function DevMailboxPage() {
  if (!devMailboxEnabled()) notFound();
  await requireRole(["owner"], "/dev/mailbox");
  const messages = await (await serverCaller()).email.mailbox.list();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
          <p className="text-sm text-slate-600">Set SMTP_URL to send real email instead. Newest first; the last 100 messages.</p>
        </div>
        <div className="flex gap-3 text-sm font-medium">
          <Link href="/dev/mailbox" className="text-brand-700 hover:underline">
            Refresh
          </Link>
          <Link href="/email" className="text-brand-700 hover:underline">
            Email outbox
          </Link>
        </div>
      </header>
      {messages.length === 0 ? (
        <EmptyState title="No messages yet" description="Emails appear here a few seconds after the app sends them." />
      ) : (
        <ul className="space-y-4">
          {messages.map((m) => (
            <li key={m.id}>
              <article aria-labelledby={`mail-${m.id}`} className="rounded-xl border border-slate-200 bg-white p-4">
                <h2 id={`mail-${m.id}`} className="text-base font-semibold break-words">
                  {m.subject}
                </h2>
                <p className="text-sm break-all text-slate-600">
                  To {m.toAddress} · {formatDateTime(m.sentAt)} · {m.kind}
                </p>
                {m.links.length ? (
                  <ul aria-label="Links in this message" className="mt-2 space-y-1 text-sm">
                    {m.links.map((href) => (
                      <li key={href} className="break-all">
                        <a href={href} className="font-medium text-brand-700 underline">
                          {href}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm font-medium text-slate-700">Text</summary>
                  <pre className="mt-2 overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs whitespace-pre-wrap break-words">{m.text}</pre>
                </details>
                <details className="mt-1">
                  <summary className="cursor-pointer text-sm font-medium text-slate-700">HTML</summary>
                  {/* sandbox="" : no scripts, no navigation; just how it looks. */}
                  <iframe title={`HTML of “${m.subject}”`} sandbox="" srcDoc={m.html} className="mt-2 h-96 w-full rounded-lg border border-slate-200" />
                </details>
              </article>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
