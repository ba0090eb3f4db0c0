// U10: CSV export of every user with the dialog's default columns, through the service behind
// app/api/export/users (the route adds only the session and role check), drained as a browser would.
// Peak RSS of this process while streaming shows whether memory stays flat.
import { DEFAULT_EXPORT_COLUMNS } from "../../server/schemas/exports";
import { exportUsers } from "../../server/services/users/export";
import { drainStream, peakRss, type Case } from "./lib";
import type { BenchContext } from "./context";

const STALLED =
  "the CSV stream sent its last byte but never closed: postgres.js 3.4.9 leaves the socket paused after a COPY read " +
  "through an async iterator (CopyDone does not resume it), so the COMMIT after the copy never returns and the reserved " +
  "connection leaks; time shown is to the last byte";

export async function exportCases(b: BenchContext): Promise<Case[]> {
  const { db, bare, owner, http } = b;
  const columns = [...DEFAULT_EXPORT_COLUMNS];
  let peakGrowth = 0;
  let bytes = 0;
  let rows = 0;
  let stalls = 0;
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
          return drainStream(out.stream);
        });
        bytes = m.value.bytes;
        peakGrowth = Math.max(peakGrowth, m.peakMiB - m.baseMiB);
        if (m.value.stalled) {
          stalls += 1;
          if (b.quick) throw new Error(STALLED);
          return { elapsedMs: m.value.lastByteMs };
        }
        return undefined;
      },
      sql: async () => {
        const stream = await bare
          .unsafe(
            `COPY (SELECT u.id, u.email, u.first_name, u.last_name, u.company, u.status, l.name, u.subscribed, u.order_count,
                          to_char(u.total_spend_cents / 100.0, 'FM999999999990.00'), to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
                   FROM users u LEFT JOIN customer_levels l ON l.id = u.level_id) TO STDOUT WITH (FORMAT csv, HEADER)`,
          )
          .readable();
        // Flowing mode ('data' events): reading through an async iterator can leave postgres.js's socket paused.
        await new Promise<void>((resolve, reject) => {
          stream.on("data", () => {});
          stream.on("end", resolve);
          stream.on("error", reject);
        });
      },
      http: http ? () => http.download("/api/export/users?columns=" + columns.join(",")) : undefined,
      extra: async () => ({
        rows,
        "MB written": Number((bytes / 1e6).toFixed(1)),
        "peak RSS growth MiB": Math.round(peakGrowth),
        ...(stalls ? { "stalled (never closed)": `${stalls} of the runs — ${STALLED}` } : {}),
      }),
    },
  ];
}
