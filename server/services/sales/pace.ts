/**
 * Calendar arithmetic for sales targets, in UTC (the site has no time-zone setting yet). A target is
 * spread over the year in proportion to elapsed time, so pace on 2 July 12:00 of a 365-day year is
 * exactly half the target, and each month's share is its days over the year's days.
 */
export interface YearWindow {
  year: number;
  start: Date;
  end: Date;
  /** The moment progress is measured at: asOf, clamped into the year. */
  cutoff: Date;
  /** Share of the year elapsed at `cutoff`, 0..1. */
  elapsed: number;
}

export function yearWindow(asOf: Date): YearWindow {
  const year = asOf.getUTCFullYear();
  const start = new Date(Date.UTC(year, 0, 1));
  const end = new Date(Date.UTC(year + 1, 0, 1));
  const cutoff = asOf < end ? asOf : end;
  const elapsed = Math.min(1, Math.max(0, (cutoff.getTime() - start.getTime()) / (end.getTime() - start.getTime())));
  return { year, start, end, cutoff, elapsed };
}

export function monthShares(year: number): { month: string; share: number }[] {
  const yearMs = Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1);
  return Array.from({ length: 12 }, (_, m) => ({
    month: `${year}-${String(m + 1).padStart(2, "0")}`,
    share: (Date.UTC(year, m + 1, 1) - Date.UTC(year, m, 1)) / yearMs,
  }));
}

export type Standing = "behind" | "onPace" | "ahead";

/** Within ±5 % of pace counts as on pace: a single order should not flip anyone between extremes. */
export const PACE_BAND = 0.05;

export function standing(ytd: number, pace: number): Standing {
  if (ytd < pace * (1 - PACE_BAND)) return "behind";
  if (ytd > pace * (1 + PACE_BAND)) return "ahead";
  return "onPace";
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}
