import type { Metadata } from "next";
import Link from "next/link";
import { ReportPanel } from "@/components/sales/report-panel";

export const metadata: Metadata = { title: "Reports" };

export default function ReportsPage() {
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Reports</h1>
        <Link href="/reports/targets" className="text-sm font-medium text-brand-700 hover:underline">
          Sales targets report →
        </Link>
      </div>
      <ReportPanel title="Store revenue" />
    </div>
  );
}
