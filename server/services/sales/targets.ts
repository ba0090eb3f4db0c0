import { eq, sql } from "drizzle-orm";
import { salesTargets } from "@/db/schema";
import { queryRows } from "@/db/client";
import type { TargetProgress } from "@/server/schemas/sales";
import { recordAudit, recordTimeline } from "../core/audit";
import { withTransaction, type ActorContext, type ServiceContext } from "../core/context";
import { NotFoundError } from "../core/errors";
import { getSettings } from "../settings/settings";
import { monthShares, percent, yearWindow } from "./pace";
import { moneyText } from "../commerce/money";
import { REVENUE } from "./rollup";

export async function getTarget({ ctx, input }: { ctx: ServiceContext; input: { userId: number; asOf?: Date } }) {
  const [row] = await ctx.db.select().from(salesTargets).where(eq(salesTargets.userId, input.userId));
  if (!row) {
    const exists = await queryRows<{ n: number }>(ctx.db, sql`SELECT 1 AS n FROM users WHERE id = ${input.userId}`);
    if (!exists.length) throw new NotFoundError("That user does not exist.");
    return { enabled: false as const };
  }
  return { enabled: true as const, ...(await progress(ctx, input.userId, row.annualTargetCents, input.asOf ?? new Date())) };
}

async function progress(ctx: ServiceContext, userId: number, target: number, asOf: Date): Promise<TargetProgress> {
  const w = yearWindow(asOf);
  const [{ currency }, months] = await Promise.all([
    getSettings(ctx.db),
    queryRows<{ month: string; revenue: number }>(
      ctx.db,
      sql`SELECT to_char(date_trunc('month', o.placed_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, sum(o.total_cents)::bigint AS revenue
          FROM orders o
          WHERE o.user_id = ${userId} AND ${REVENUE}
            AND o.placed_at >= ${w.start.toISOString()}::timestamptz AND o.placed_at < ${w.cutoff.toISOString()}::timestamptz
          GROUP BY 1`,
    ),
  ]);
  const actual = new Map(months.map((m) => [m.month, Number(m.revenue)]));
  let cumActual = 0;
  let cumShare = 0;
  const monthly = monthShares(w.year).map(({ month, share }) => {
    const a = actual.get(month) ?? 0;
    cumActual += a;
    cumShare += share;
    return {
      month,
      actualCents: a,
      targetCents: Math.round(target * share),
      cumulativeActualCents: cumActual,
      cumulativeTargetCents: Math.round(target * cumShare),
    };
  });
  const ytd = cumActual;
  const pace = Math.round(target * w.elapsed);
  return {
    userId,
    currency,
    year: w.year,
    annualTargetCents: target,
    ytdCents: ytd,
    paceCents: pace,
    projectionCents: w.elapsed > 0 ? Math.round(ytd / w.elapsed) : 0,
    percentOfTarget: percent(ytd, target),
    percentOfPace: percent(ytd, pace),
    monthly,
  };
}

/** Enables or changes a user's annual target (admins). */
export async function setTarget({ ctx, input }: { ctx: ActorContext; input: { userId: number; annualTargetCents: number } }) {
  return withTransaction(ctx, async (tx) => {
    const exists = await queryRows<{ n: number }>(tx.db, sql`SELECT 1 AS n FROM users WHERE id = ${input.userId} FOR UPDATE`);
    if (!exists.length) throw new NotFoundError("That user does not exist.");
    const [before] = await tx.db.select().from(salesTargets).where(eq(salesTargets.userId, input.userId)).for("update");
    if (before?.annualTargetCents === input.annualTargetCents) return getTarget({ ctx: tx, input: { userId: input.userId } });
    await tx.db
      .insert(salesTargets)
      .values({ userId: input.userId, annualTargetCents: input.annualTargetCents, createdBy: ctx.actor.id })
      .onConflictDoUpdate({ target: salesTargets.userId, set: { annualTargetCents: input.annualTargetCents, updatedAt: sql`now()` } });
    const { currency } = await getSettings(tx.db);
    const amount = moneyText(input.annualTargetCents, currency);
    await recordTimeline(tx, {
      userId: input.userId,
      kind: "updated",
      summary: before ? `Annual sales target changed to ${amount} (was ${moneyText(before.annualTargetCents, currency)})` : `Sales target enabled: ${amount} a year`,
      data: { changes: [{ field: "annualTargetCents", before: before?.annualTargetCents ?? null, after: input.annualTargetCents }] },
    });
    await recordAudit(tx, {
      action: before ? "salesTarget.update" : "salesTarget.enable",
      targetType: "user",
      targetId: input.userId,
      before: before ? { annualTargetCents: before.annualTargetCents } : null,
      after: { annualTargetCents: input.annualTargetCents },
    });
    return getTarget({ ctx: tx, input: { userId: input.userId } });
  });
}

export async function removeTarget({ ctx, input }: { ctx: ActorContext; input: { userId: number } }) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db.delete(salesTargets).where(eq(salesTargets.userId, input.userId)).returning();
    if (!row) throw new NotFoundError("This user has no sales target.");
    await recordTimeline(tx, { userId: input.userId, kind: "updated", summary: "Sales target disabled", data: { changes: [{ field: "annualTargetCents", before: row.annualTargetCents, after: null }] } });
    await recordAudit(tx, { action: "salesTarget.disable", targetType: "user", targetId: input.userId, before: { annualTargetCents: row.annualTargetCents } });
    return { enabled: false as const };
  });
}
