"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { currencySymbol } from "@/components/users/format";
import { OrdersTab } from "./orders-tab";
import { QuotesTab } from "./quotes-tab";
import { ReportPanel } from "./report-panel";
import { SalesSummaryPanel } from "./summary-panel";
import { TargetPanel } from "./target-panel";

export type SalesTabKey = "orders" | "quotes" | "reports" | "sales" | "target";

function ReportIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1 inline size-3.5 align-[-2px]" fill="currentColor">
      <rect x="1" y="9" width="3" height="6" rx="0.5" />
      <rect x="6.5" y="5" width="3" height="10" rx="0.5" />
      <rect x="12" y="1" width="3" height="14" rx="0.5" />
    </svg>
  );
}

/** The site currency's symbol (£, $, €) as the Sales summary tab's icon (R4). */
function SalesLabel() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  return (
    <>
      <span aria-hidden="true" className="mr-1 font-semibold">{currencySymbol(settings.data?.currency ?? "GBP")}</span>
      Sales summary
    </>
  );
}

export const SALES_TABS: { key: SalesTabKey; label: React.ReactNode }[] = [
  { key: "orders", label: "Orders" },
  { key: "quotes", label: "Quotes" },
  { key: "reports", label: <><ReportIcon />Reports</> },
  { key: "sales", label: <SalesLabel /> },
  { key: "target", label: "Sales target" },
];

export function SalesTabPanel({ tab, userId, canEdit, currency }: { tab: SalesTabKey; userId: number; canEdit: boolean; currency: string }) {
  switch (tab) {
    case "orders":
      return <OrdersTab userId={userId} />;
    case "quotes":
      return <QuotesTab userId={userId} />;
    case "reports":
      return <ReportPanel userId={userId} title="Reports for this user" />;
    case "sales":
      return <SalesSummaryPanel userId={userId} />;
    case "target":
      return <TargetPanel userId={userId} canEdit={canEdit} currency={currency} />;
  }
}
