import type { Metadata } from "next";
import { ProspectsClient } from "./prospects-client";

export const metadata: Metadata = { title: "Prospects" };

export default function ProspectsPage() {
  return <ProspectsClient />;
}
