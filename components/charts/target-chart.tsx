"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, minorDigits } from "@/components/users/format";
import { compact } from "./revenue-chart";

export interface TargetMonth {
  month: string;
  actualCents: number;
  targetCents: number;
  cumulativeActualCents: number;
  cumulativeTargetCents: number;
}

/** Monthly actual (bars) against the month's share of the target (line). */
export function TargetChart({ months, currency, summary }: { months: TargetMonth[]; currency: string; summary: string }) {
  const scale = 10 ** minorDigits(currency);
  const data = months.map((m) => ({
    label: new Date(`${m.month}-01T00:00:00Z`).toLocaleString("en-GB", { month: "short", timeZone: "UTC" }),
    actual: m.actualCents / scale,
    target: m.targetCents / scale,
  }));
  const money = (v: unknown) => formatMoney(Math.round(Number(v) * scale), currency);
  return (
    <div role="img" aria-label={summary} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => compact(v)} />
          <Tooltip formatter={(v, name) => [money(v), name === "actual" ? "Actual" : "Target"]} />
          <Legend formatter={(v) => (v === "actual" ? "Actual" : "Target")} />
          <Bar dataKey="actual" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Line dataKey="target" stroke="#d97706" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
