import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { ProspectStageIngest } from "@/server/schemas/sales";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ServiceContext } from "../core/context";
import { NotFoundError, ValidationError } from "../core/errors";
import { upsertCustomer } from "./customers";

type Stage = ProspectStageIngest["stage"];

/** Moves a prospect to `stage`; the timeline keeps the history. Not a prospect: refused, naming the field. */
async function moveStage(ctx: ServiceContext, userId: number, stage: Stage, via: "staff" | "api") {
  const [row] = await queryRows<{ source: string; prospect_stage: Stage | null }>(
    ctx.db,
    sql`SELECT source, prospect_stage FROM users WHERE id = ${userId} FOR UPDATE`,
  );
  if (!row) throw new NotFoundError("That user does not exist.");
  if (row.source !== "prospect") throw new ValidationError("stage", "only users whose source is prospect have a pipeline stage");
  if (row.prospect_stage === stage) return "unchanged" as const;
  await ctx.db.execute(sql`UPDATE users SET prospect_stage = ${stage}, version = version + 1, updated_at = now() WHERE id = ${userId}`);
  const before = row.prospect_stage;
  await recordTimeline(ctx, {
    userId,
    kind: "prospect",
    summary: before ? `Prospect stage: ${before} → ${stage}` : `Prospect stage set to ${stage}`,
    data: { before, after: stage, via },
  });
  if (via === "staff") {
    await recordAudit(ctx, { action: "user.prospectStage", targetType: "user", targetId: userId, before: { prospectStage: before }, after: { prospectStage: stage } });
  }
  return "updated" as const;
}

export async function setProspectStage({ ctx, input }: { ctx: ServiceContext; input: { userId: number; stage: Stage } }) {
  return withTransaction(ctx, async (tx) => ({ result: await moveStage(tx, input.userId, input.stage, "staff") }));
}

/** Storefront: creates the prospect if unknown, then records the stage. */
export async function ingestProspectStage({ ctx, input }: { ctx: ServiceContext; input: ProspectStageIngest }) {
  return withTransaction(ctx, async (tx) => {
    const { stage, ...customer } = input;
    const user = await upsertCustomer(tx, customer, "prospect");
    const moved = await moveStage(tx, user.id, stage, "api");
    return { id: user.id, result: user.result === "created" ? ("created" as const) : moved };
  });
}
