import type { Metadata } from "next";
import { TargetsReportClient } from "./targets-client";

export const metadata: Metadata = { title: "Sales targets" };

export default function TargetsReportPage() {
  return <TargetsReportClient />;
}
