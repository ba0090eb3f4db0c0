import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { ValidationError } from "./errors";

/**
 * Keyset cursors on (timestamp, id) for lists ordered newest first.
 *
 * The timestamp travels as Postgres text with microseconds: a JS Date keeps only milliseconds,
 * and rows created in the same millisecond would otherwise be skipped or repeated across pages.
 */
export interface TimeKey {
  ts: string;
  id: number;
}

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeTimeCursor(key: TimeKey): string {
  return Buffer.from(JSON.stringify([key.ts, key.id])).toString("base64url");
}

export function decodeTimeCursor(cursor: string | null | undefined): TimeKey | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "string" &&
      TS.test(parsed[0]) &&
      Number.isSafeInteger(parsed[1]) &&
      (parsed[1] as number) > 0
    ) {
      return { ts: parsed[0], id: parsed[1] as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationError("cursor", "is not valid any more; reload the list");
}

/** The exact UTC text of a timestamptz column, for the next cursor. */
export function cursorTimestamp(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows strictly after `key` in (created desc, id desc) order. */
export function beforeKey(createdAt: AnyColumn, id: AnyColumn, key: TimeKey): SQL {
  return sql`(${createdAt}, ${id}) < (${key.ts}::timestamptz, ${key.id})`;
}
