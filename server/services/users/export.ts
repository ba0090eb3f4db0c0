import { sql, type SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Readable } from "node:stream";
import { queryRows, type Database } from "@/db/client";
import type { UsersExportInput } from "@/server/schemas/exports";
import { recordAudit } from "../core/audit";
import type { ActorContext } from "../core/context";
import { listCustomFields } from "../settings/custom-fields";
import { getSettings } from "../settings/settings";
import { csvLine, exportSelect, neutralHeader, planColumns, type ExportPlan } from "./export-query";
import { filterConditions } from "./filters";

/** UTF-8 byte order mark: without it Excel reads the file as the local code page. */
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const PAGE_ROWS = 2000;
const CHUNK_BYTES = 64 * 1024;
/** Below this many rows, group/tag names are probed per row instead of aggregated over every membership. */
const PER_ROW_JOIN_MAX = 50_000;

export interface UsersExport {
  rows: number;
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

/** The minimal postgres.js surface used here (drizzle keeps the client on its session). */
interface PgQuery extends Promise<unknown> {
  readable(): Promise<Readable>;
  cancel(): void;
}
interface PgClient {
  unsafe(query: string): PgQuery;
  reserve?: () => Promise<PgClient & { release(): void }>;
}

function postgresClient(db: Database): PgClient | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client as Partial<PgClient> | undefined;
  // PGlite's client has no `unsafe`; postgres.js (pool or transaction) does.
  return client && typeof client.unsafe === "function" ? (client as PgClient) : null;
}

function targetConditions(input: UsersExportInput, settings: Parameters<typeof filterConditions>[1]): SQL[] {
  if (input.ids) return [sql`id IN (${sql.join(input.ids.map((id) => sql`${id}::bigint`), sql`, `)})`];
  return filterConditions(input.filter ?? {}, settings);
}

async function countRows(db: Database, where: SQL[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::bigint AS n FROM users ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * A CSV of the users a list filter (or an id list) selects, streamed from the database: COPY on
 * PostgreSQL, keyset pages on PGlite. The audit entry (filter, columns, row count) is written
 * before the first byte leaves, so an export that is cut short is still on record.
 */
export async function exportUsers({ ctx, input }: { ctx: ActorContext; input: UsersExportInput }): Promise<UsersExport> {
  const [settings, fields] = await Promise.all([getSettings(ctx.db), listCustomFields(ctx.db)]);
  const plan = planColumns(input.columns, fields, settings.currency);
  const where = targetConditions(input, settings);
  const header = new TextEncoder().encode(csvLine(plan.headers.map(neutralHeader)));
  const filename = `users-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.csv`;
  const audit = (rows: number) =>
    recordAudit(ctx, {
      action: "users.export",
      targetType: "users",
      targetId: input.ids ? `${input.ids.length} selected` : "filter",
      after: { rows, columns: input.columns, ...(input.ids ? { ids: input.ids.slice(0, 1000) } : { filter: input.filter ?? {} }) },
    });

  const client = postgresClient(ctx.db);
  if (client) {
    const copy = await startCopy(ctx.db, client, plan, where, settings, audit);
    return { rows: copy.rows, filename, stream: withPrefix([BOM, header], copy.stream) };
  }

  const rows = await countRows(ctx.db, where);
  await audit(rows);
  return { rows, filename, stream: withPrefix([BOM, header], pagedStream(ctx.db, plan, where, settings)) };
}

/** Prepends fixed chunks (BOM, header line) to a byte stream. */
function withPrefix(prefix: Uint8Array[], body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const queue = [...prefix];
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const head = queue.shift();
      if (head) return controller.enqueue(head);
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

type Settings = Awaited<ReturnType<typeof getSettings>>;

/**
 * COPY (SELECT …) TO STDOUT on one connection, in a repeatable-read snapshot so the count sent in
 * the header is exactly the number of rows that follow. COPY takes no bind parameters, so the
 * filter's values are inlined by drizzle as quoted literals (standard_conforming_strings is forced
 * on for the snapshot, so a backslash in a search term stays a backslash).
 */
async function startCopy(
  db: Database,
  client: PgClient,
  plan: ExportPlan,
  where: SQL[],
  settings: Settings,
  beforeCopy: (rows: number) => Promise<void>,
) {
  const inTransaction = db instanceof PgTransaction;
  const conn = !inTransaction && client.reserve ? await client.reserve() : null;
  const run = conn ?? client;
  const render = (query: SQL) => (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string } } }).dialect.sqlToQuery(query.inlineParams()).sql;
  let finished = false;
  const finish = async (ok: boolean) => {
    if (finished) return;
    finished = true;
    try {
      if (conn) await conn.unsafe(ok ? "COMMIT" : "ROLLBACK");
    } finally {
      conn?.release();
    }
  };
  try {
    if (conn) await conn.unsafe("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await run.unsafe("SET LOCAL standard_conforming_strings = on");
    const counted = (await run.unsafe(
      render(sql`SELECT count(*)::bigint AS n FROM users ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}`),
    )) as unknown as { n: number | string }[];
    const rows = Number(counted[0]?.n ?? 0);
    // Before COPY starts: the connection takes no other query until the copy ends (in tests it is the same one).
    await beforeCopy(rows);
    const select = exportSelect(plan, { where, settings, perRow: rows <= PER_ROW_JOIN_MAX });
    const query = run.unsafe(`COPY (${render(select)}) TO STDOUT WITH (FORMAT csv)`);
    const source = await query.readable();
    // The stream ends at CopyDone; an error mid-copy (or a cancel) destroys it with that error.
    const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let ended = false;
    // postgres.js pauses its socket when the stream's buffer is full and resumes it from the stream's
    // read(); if the last row filled the buffer, the stream ends with the socket still paused and
    // the next statement on the connection never gets its answer. Nudge it once the copy is over.
    const unpause = () => (source as unknown as { _read?: (n: number) => void })._read?.(0);
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // postgres.js pushes one chunk per row; batch them so the response is not a million tiny writes.
        const parts: Buffer[] = [];
        let size = 0;
        try {
          while (size < CHUNK_BYTES) {
            const next = await iterator.next();
            if (next.done) {
              ended = true;
              break;
            }
            parts.push(next.value);
            size += next.value.length;
          }
        } catch (err) {
          ended = true;
          unpause();
          await finish(false);
          return controller.error(err);
        }
        if (parts.length) controller.enqueue(new Uint8Array(Buffer.concat(parts, size)));
        if (ended) {
          unpause();
          await finish(true);
          controller.close();
        }
      },
      async cancel() {
        // Destroying the socket's stream would stall the connection: ask the server to stop, then drain.
        if (!ended) {
          query.cancel();
          try {
            while (!(await iterator.next()).done);
          } catch {
            // the cancel arrives as an error: expected
          }
        }
        unpause();
        await finish(false);
      },
    });
    return { rows, stream };
  } catch (err) {
    await finish(false);
    throw err;
  }
}

/** PGlite: keyset pages by id through the same SELECT, printed with COPY's quoting rules. */
function pagedStream(db: Database, plan: ExportPlan, where: SQL[], settings: Settings): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await queryRows<Record<string, string | null>>(
        db,
        exportSelect(plan, { where, settings, perRow: true, page: { after, limit: PAGE_ROWS } }),
      );
      if (page.length === 0) return controller.close();
      let out = "";
      for (const row of page) out += csvLine(plan.exprs.map((_, i) => row[`c${i}`] ?? null));
      after = Number(page[page.length - 1]?.k);
      controller.enqueue(encoder.encode(out));
      if (page.length < PAGE_ROWS) controller.close();
    },
  });
}
