import fc from "fast-check";
import { beforeAll, describe, expect } from "vitest";
import { groupMessages } from "@/db/schema";
import type { Database } from "@/db/client";
import { sqlState } from "@/server/api/input-guards";
import { listProcedures } from "@/server/api/root";
import { rootDatabase, test } from "../helpers/db";
import { createUser } from "../helpers/factories";
import { addToGroup, createGroup, createTag, tagUsers } from "../helpers/groups";
import { everyNumberLeaf, everyStringLeaf, hostileWhole, mapLeaves, plausible, shapedArbitrary } from "../helpers/hostile";
import {
  actorFor,
  callerFor,
  fingerprint,
  inSavepoint,
  outcome,
  procedureDef,
  procedureOf,
  writeCount,
  type Actor,
} from "../helpers/procedures";

/** Random inputs per procedure, on top of the 15 fixed examples below; the file stays under a minute on PGlite. */
const RUNS_PER_PROCEDURE = 20;
/** Fixed so CI is repeatable; FC_SEED=<n> explores other inputs locally. */
const SEED = Number(process.env.FC_SEED ?? 20261125);

const PROCEDURES = listProcedures();

let owner: Actor;
let ids: number[];
let baseline: Record<string, string>;

/** Rows for plausible ids to point at (committed once in this file's database), so inputs reach services and SQL. */
beforeAll(async () => {
  const db = await rootDatabase();
  owner = await actorFor(db, "owner");
  const customer = await createUser(db, { firstName: "Hostile", lastName: "Target" });
  const admin = await actorFor(db, "admin");
  const group = await createGroup(db);
  await addToGroup(db, group.id, [customer.id, owner.userId!]);
  const tag = await createTag(db);
  await tagUsers(db, tag.id, [customer.id]);
  const [message] = await db.insert(groupMessages).values({ groupId: group.id, title: "Hello", body: "Members only" }).returning();
  const comment = await callerFor(db, owner).timeline.comments.add({ userId: customer.id, body: "A comment" });
  ids = [customer.id, admin.userId!, owner.userId!, group.id, tag.id, message!.id, comment.id, 1];
  baseline = await fingerprint(db);
});

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

const stats = { calls: 0, accepted: 0, refused: 0, abortedByDatabase: 0 };

async function check(db: Database, path: string, input: unknown) {
  stats.calls += 1;
  const { got, changed } = await inSavepoint(db, async (tx) => {
    const before = await writeCount(tx);
    const got = await outcome(() => procedureOf(callerFor(tx, owner), path)(input));
    if (got.ok) return { got, changed: null };
    let wrote: boolean;
    try {
      wrote = (await writeCount(tx)) !== before;
    } catch (err) {
      // A read that failed at the database (now a 400) aborts the savepoint: nothing more can run in it.
      // Outside a test transaction that statement fails alone, and mutations run in their own transactions.
      if (sqlState(err) !== "25P02") throw err;
      stats.abortedByDatabase += 1;
      return { got, changed: null };
    }
    // Writes that a service rolled back itself are fine; fingerprint() tells them from kept ones.
    return { got, changed: wrote ? await fingerprint(tx) : null };
  });
  if (got.ok) {
    stats.accepted += 1;
    return;
  }
  stats.refused += 1;
  if (got.status < 400 || got.status > 499) {
    const cause = got.cause instanceof Error ? `${got.cause.name}: ${got.cause.message}` : String(got.cause);
    throw new Error(`${path} answered ${got.code} (${got.status}): ${got.message} — cause: ${cause.slice(0, 300)}`);
  }
  if (changed) expect(changed, `${path} refused (${got.code}) but kept a write`).toEqual(baseline);
}

describe("hostile input reaches no 500 and changes nothing when refused", () => {
  for (const proc of PROCEDURES) {
    test(proc.path, async ({ db }) => {
      const schema = procedureDef(proc.path)._def.inputs[0];
      const arbitrary = schema
        ? fc.oneof({ weight: 1, arbitrary: hostileWhole }, { weight: 3, arbitrary: shapedArbitrary(schema, ids) })
        : hostileWhole;
      const examples = examplesFor(schema, ids[0]!).map((e): [unknown] => [e]);
      // fast-check counts examples inside numRuns.
      await fc.assert(fc.asyncProperty(arbitrary, (input) => check(db, proc.path, input)), {
        numRuns: RUNS_PER_PROCEDURE + examples.length,
        seed: SEED,
        examples,
        endOnFailure: true,
      });
    });
  }

  test("every procedure was fed its examples and random runs", () => {
    expect(stats.calls).toBeGreaterThanOrEqual(PROCEDURES.length * (RUNS_PER_PROCEDURE + 15));
    console.info(`[hostile-input] ${PROCEDURES.length} procedures, ${RUNS_PER_PROCEDURE} random runs + 15 examples each:`, stats);
  });
});

describe("unstorable text is refused at the edge, naming the field", () => {
  test("NUL and lone surrogates in nested fields are BAD_REQUEST with the field path; nothing is written", async ({ db }) => {
    const caller = callerFor(db, owner);
    const before = await fingerprint(db);
    const nul = await outcome(() => caller.groups.create({ name: "Trade\u0000", description: null } as never));
    expect(nul).toMatchObject({ ok: false, code: "BAD_REQUEST", message: "name: must not contain NUL (\\u0000) characters" });
    const nested = await outcome(() => caller.users.update({ id: ids[0]!, version: 1, patch: { firstName: "ok", lastName: "\uD800" } } as never));
    expect(nested).toMatchObject({ ok: false, code: "BAD_REQUEST", message: expect.stringMatching(/^patch\.lastName: must be valid Unicode/) });
    const key = await outcome(() => caller.users.update({ id: ids[0]!, version: 1, patch: { customFields: { "a\u0000": "x" } } } as never));
    expect(key).toMatchObject({ ok: false, code: "BAD_REQUEST", message: expect.stringMatching(/^patch\.customFields\.a\\u0000: /) });
    // Emoji, RTL text and combining marks are ordinary text and pass.
    expect(await outcome(() => caller.tags.create({ name: "😀 שלום e\u0301" } as never))).toEqual({ ok: true });
    expect(await fingerprint(db)).not.toEqual(before);
  });
});
