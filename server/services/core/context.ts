import type { Database } from "@/db/client";
import type { Role } from "@/server/schemas/common";

export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  sessionId: string | null;
}

/** What every service verb receives: `db` may be a transaction. */
export interface ServiceContext {
  db: Database;
  actor: Actor | null;
  ip: string | null;
}

export interface ActorContext extends ServiceContext {
  actor: Actor;
}

export type Verb<I, O> = (args: { ctx: ServiceContext; input: I }) => Promise<O>;

/** Runs `fn` in a transaction; inside an outer one this becomes a savepoint, so it nests. */
export function withTransaction<C extends ServiceContext, T>(ctx: C, fn: (ctx: C) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx as unknown as Database }));
}
