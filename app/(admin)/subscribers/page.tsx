import type { Metadata } from "next";
import { requireRole } from "@/server/auth/session";
import { SubscribersClient } from "./subscribers-client";

export const metadata: Metadata = { title: "Manage subscribers" };

export default async function SubscribersPage() {
  await requireRole(["owner", "admin"], "/subscribers");
  return <SubscribersClient />;
}
