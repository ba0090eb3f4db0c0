// U10: CSV export of every user with the dialog's default columns, through the service behind
// app/api/export/users (the route adds only the session and role check), drained as a browser would.
// Peak RSS of this process while streaming shows whether memory stays flat.
import { DEFAULT_EXPORT_COLUMNS } from "../../server/schemas/exports";
import { exportUsers } from "../../server/services/users/export";
import { peakRss, type Case } from "./lib";
import type { BenchContext } from "./context";

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

export async function exportCases(b: BenchContext): Promise<Case[]> {
  const { db, bare, owner, http } = b;
  const columns = [...DEFAULT_EXPORT_COLUMNS];
  let peakGrowth = 0;
  let bytes = 0;
  let rows = 0;
  const actor = { id: owner.id, email: owner.email, name: owner.name, role: "owner" as const, sessionId: owner.sessionId };

  return [
    {
      id: "users.export",
      label: "CSV export of all users (default columns)",
      target: { ms: 5_000, stat: "p50", label: "export < 5 s, memory flat" },
      runs: 3,
      warmup: 1,
      proc: async () => {
        const m = await peakRss(async () => {
          const out = await exportUsers({ ctx: { db, actor, ip: "127.0.0.1" }, input: { columns } });
          rows = out.rows;
          return drain(out.stream);
        });
        bytes = m.value;
        peakGrowth = Math.max(peakGrowth, m.peakMiB - m.baseMiB);
      },
      sql: async () => {
        const stream = await bare
          .unsafe(
            `COPY (SELECT u.id, u.email, u.first_name, u.last_name, u.company, u.status, l.name, u.subscribed, u.order_count,
                          to_char(u.total_spend_cents / 100.0, 'FM999999999990.00'), to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
                   FROM users u LEFT JOIN customer_levels l ON l.id = u.level_id) TO STDOUT WITH (FORMAT csv, HEADER)`,
          )
          .readable();
        for await (const _ of stream) {
          // drain
        }
      },
      http: http ? () => http.download("/api/export/users?columns=" + columns.join(",")) : undefined,
      extra: async () => ({
        rows,
        "MiB written": Math.round(bytes / 2 ** 20),
        "peak RSS growth MiB": Math.round(peakGrowth),
      }),
    },
  ];
}
