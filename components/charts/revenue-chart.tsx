"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, minorDigits } from "@/components/users/format";

export interface RevenuePoint {
  label: string;
  revenueCents: number;
  orderCount: number;
}

/**
 * Revenue per period as bars. The chart is decorative for screen readers (role="img" with a summary);
 * every figure is also in the table the page shows beside it.
 */
export function RevenueChart({ points, currency, summary, height = 240 }: { points: RevenuePoint[]; currency: string; summary: string; height?: number }) {
  const scale = 10 ** minorDigits(currency);
  const data = points.map((p) => ({ ...p, revenue: p.revenueCents / scale }));
  return (
    <div role="img" aria-label={summary} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} minTickGap={12} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => compact(v)} />
          <Tooltip
            formatter={(value) => [formatMoney(Math.round(Number(value) * scale), currency), "Revenue"]}
            labelStyle={{ color: "#0f172a" }}
          />
          <Bar dataKey="revenue" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function compact(v: number): string {
  return new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 }).format(v);
}
