export type Granularity = "day" | "week" | "month";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The report range from the URL (from, to, by), defaulting to the last 12 whole months to today, UTC. */
export function readRange(params: URLSearchParams, now = new Date()): { from: string; to: string; by: Granularity } {
  const defFrom = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)));
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const by = params.get("by");
  return {
    from: DATE.test(from) ? from : defFrom,
    to: DATE.test(to) ? to : iso(now),
    by: by === "day" || by === "week" || by === "month" ? by : "month",
  };
}

export function periodLabel(period: string, by: Granularity): string {
  const d = new Date(`${period}T00:00:00Z`);
  if (by === "month") return d.toLocaleString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  return d.toLocaleString("en-GB", { day: "numeric", month: "short", ...(by === "week" ? {} : { year: "2-digit" }), timeZone: "UTC" });
}
