import fc from "fast-check";
import { describe, expect } from "vitest";
import { groupMessages } from "@/db/schema";
import type { Database } from "@/db/client";
import { listProcedures } from "@/server/api/root";
import { sqlState } from "@/server/api/input-guards";
import { test } from "../helpers/db";
import { createUser } from "../helpers/factories";
import { addToGroup, createGroup, createTag, tagUsers } from "../helpers/groups";
import { everyNumberLeaf, everyStringLeaf, hostileWhole, mapLeaves, plausible, shapedArbitrary } from "../helpers/hostile";
import { actorFor, callerFor, fingerprint, inSavepoint, outcome, procedureDef, procedureOf, type Actor } from "../helpers/procedures";

/** Random inputs per procedure, on top of the fixed examples below; the whole file stays well under a minute on PGlite. */
export const RUNS_PER_PROCEDURE = 25;
/** Fixed so CI is repeatable; FC_SEED=<n> explores other inputs locally. */
const SEED = Number(process.env.FC_SEED ?? 20261125);

const PROCEDURES = listProcedures();

/** Rows for plausible ids to point at, so generated inputs reach services and the database, not only zod. */
async function fixtures(db: Database) {
  const owner = await actorFor(db, "owner");
  const customer = await createUser(db, { firstName: "Hostile", lastName: "Target" });
  const admin = await actorFor(db, "admin");
  const group = await createGroup(db);
  await addToGroup(db, group.id, [customer.id, owner.userId!]);
  const tag = await createTag(db);
  await tagUsers(db, tag.id, [customer.id]);
  const [message] = await db.insert(groupMessages).values({ groupId: group.id, title: "Hello", body: "Members only" }).returning();
  const comment = await callerFor(db, owner).timeline.comments.add({ userId: customer.id, body: "A comment" });
  const ids = [customer.id, admin.userId!, owner.userId!, group.id, tag.id, message!.id, comment.id, 1];
  return { owner, ids };
}

function examplesFor(schema: unknown, id: number): unknown[] {
  const base = plausible(schema, id);
  return [
    undefined,
    null,
    "\u0000",
    base,
    everyStringLeaf(base, "a\u0000b"),
    everyStringLeaf(base, "x".repeat(100_000)),
    everyStringLeaf(base, "<img src=x onerror=alert(1)>'; DROP TABLE users; --"),
    everyStringLeaf(base, "\u202E😀 مرحبا \uD800"),
    everyNumberLeaf(base, 1e308),
    everyNumberLeaf(base, -1),
    everyNumberLeaf(base, NaN),
    everyNumberLeaf(base, 2 ** 31),
    mapLeaves(base, (l) => (l instanceof Date ? new Date(8.64e15) : l)),
    mapLeaves(base, (l) => (l instanceof Date ? new Date(-8.64e15) : typeof l === "string" ? "0001-01-01" : l)),
    mapLeaves(base, (l) => (typeof l === "string" ? "275760-09-13T00:00:00.000Z" : l)),
  ];
}

/** Calls made with a statement that failed at the database (now a 400) leave the test's transaction aborted. */
let abortedByDatabase = 0;

async function check(db: Database, owner: Actor, path: string, input: unknown, baseline: Record<string, string>) {
  const { got, after } = await inSavepoint(db, async (tx) => {
    const got = await outcome(() => procedureOf(callerFor(tx, owner), path)(input));
    if (got.ok) return { got, after: null };
    // A read that failed at the database aborts the savepoint, so it cannot be fingerprinted; outside a
    // test transaction that statement failed alone, and mutations run in their own transactions.
    const after = await fingerprint(tx).catch((err: unknown) => {
      if (sqlState(err) !== "25P02") throw err;
      abortedByDatabase += 1;
      return baseline;
    });
    return { got, after };
  });
  if (got.ok) return;
  if (got.status < 400 || got.status > 499) {
    const cause = got.cause instanceof Error ? `${got.cause.name}: ${got.cause.message}` : String(got.cause);
    throw new Error(`${path} answered ${got.code} (${got.status}): ${got.message} — cause: ${cause.slice(0, 300)}`);
  }
  expect(after, `${path} refused (${got.code}) but wrote something`).toEqual(baseline);
}

describe("hostile input reaches no 500 and changes nothing when refused", () => {
  for (const proc of PROCEDURES) {
    test(proc.path, async ({ db }) => {
      const { owner, ids } = await fixtures(db);
      const baseline = await fingerprint(db);
      const schema = procedureDef(proc.path)._def.inputs[0];
      const arbitrary = schema
        ? fc.oneof({ weight: 1, arbitrary: hostileWhole }, { weight: 3, arbitrary: shapedArbitrary(schema, ids) })
        : hostileWhole;
      await fc.assert(
        fc.asyncProperty(arbitrary, (input) => check(db, owner, proc.path, input, baseline)),
        { numRuns: RUNS_PER_PROCEDURE, seed: SEED, examples: examplesFor(schema, ids[0]!).map((e) => [e]), endOnFailure: true },
      );
    });
  }
});
