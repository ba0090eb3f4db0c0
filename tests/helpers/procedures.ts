import { TRPCError, type AnyProcedure } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { appRouter, createCaller } from "@/server/api/root";
import { TIER_ROLES, type Role, type Tier } from "@/server/schemas/common";
import type { SessionInfo } from "@/server/services/auth/sessions";
import { createSession, createStaff } from "./factories";

/** Who calls: a role, or nobody signed in. */
export type Who = Role | "anonymous";
export const EVERYONE: readonly Who[] = ["anonymous", "customer", "manager", "admin", "owner"];

/** Whether `who` passes a procedure's tier, read from TIER_ROLES (the same table the middleware follows). */
export function tierAdmits(tier: Tier, who: Who): boolean {
  const admits = TIER_ROLES[tier];
  if (admits === "anyone") return true;
  if (who === "anonymous") return false;
  return admits === "signed-in" || admits.includes(who);
}

export interface Actor {
  who: Who;
  userId: number | null;
  session: SessionInfo | null;
}

/** A signed-in user of `role` with a real session row (or the anonymous actor). */
export async function actorFor(db: Database, who: Who, opts: { mustChangePassword?: boolean } = {}): Promise<Actor> {
  if (who === "anonymous") return { who, userId: null, session: null };
  const user = await createStaff(db, who, { mustChangePassword: opts.mustChangePassword ?? false });
  const session = await createSession(db, user.id);
  return {
    who,
    userId: user.id,
    session: {
      sessionId: session.id,
      user: {
        id: user.id,
        email: user.email,
        name: `${user.firstName} ${user.lastName}`,
        role: user.role,
        sessionId: session.id,
        mustChangePassword: user.mustChangePassword,
      },
    },
  };
}

export function callerFor(db: Database, actor: Actor) {
  return createCaller({ db, session: actor.session, ip: "127.0.0.1", userAgent: "vitest" });
}

type AnyCall = (input?: unknown) => Promise<unknown>;

/** Resolves "a.b.c" on a caller to the callable procedure. */
export function procedureOf(caller: ReturnType<typeof createCaller>, path: string): AnyCall {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  if (typeof fn !== "function") throw new Error(`no procedure at ${path}`);
  return fn as AnyCall;
}

/** The procedure definition itself (its input parsers live in `_def.inputs`). */
export function procedureDef(path: string): AnyProcedure {
  const proc = (appRouter._def.procedures as unknown as Record<string, AnyProcedure>)[path];
  if (!proc) throw new Error(`no procedure at ${path}`);
  return proc;
}

class Rollback extends Error {}

/** Runs `fn` inside a savepoint that is always rolled back: a failed statement cannot poison the test's transaction. */
export async function inSavepoint<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx as unknown as Database);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result as T;
}

export type Outcome = { ok: true } | { ok: false; code: string; status: number; message: string; cause?: unknown };

/** What a call answered, as the HTTP adapter would see it; non-tRPC throws count as 500s. */
export async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return { ok: true };
  } catch (err) {
    if (err instanceof TRPCError) {
      return { ok: false, code: err.code, status: getHTTPStatusCodeFromError(err), message: err.message, cause: err.cause };
    }
    return { ok: false, code: "NOT_A_TRPC_ERROR", status: 500, message: String(err), cause: err };
  }
}

/**
 * Row counts of every table in the public schema, the newest users.updated_at, and a digest of each
 * table's rows: inside one transaction now() is constant, so an update can leave updated_at as it was.
 */
let tableList: Promise<{ name: string }[]> | undefined;

export async function fingerprint(db: Database): Promise<Record<string, string>> {
  // Every test file migrates to the same schema, so the list is read once.
  tableList ??= queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  ).catch((err: unknown) => {
    tableList = undefined;
    throw err;
  });
  const tables = await tableList;
  const parts = tables.map(({ name }) => {
    const id = `"${name.replace(/"/g, '""')}"`;
    return `SELECT '${name}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS v FROM ${id} r`;
  });
  parts.push(`SELECT 'users.max(updated_at)' AS t, coalesce(max(updated_at)::text, '') AS v FROM users`);
  const rows = await queryRows<{ t: string; v: string }>(db, sql.raw(parts.join(" UNION ALL ")));
  return Object.fromEntries(rows.map((r) => [r.t, String(r.v)]));
}

/**
 * Rows inserted, updated or deleted so far in this transaction, rolled-back savepoints included: a
 * cheap test for "nothing was written", with fingerprint() to tell rolled-back writes from kept ones.
 */
export async function writeCount(db: Database): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::text AS n FROM pg_stat_xact_user_tables`,
  );
  return Number(row?.n ?? 0);
}
