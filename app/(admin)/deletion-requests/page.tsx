import type { Metadata } from "next";
import { requireRole } from "@/server/auth/session";
import { DeletionRequestsClient } from "./deletion-requests-client";

export const metadata: Metadata = { title: "Deletion requests" };

export default async function DeletionRequestsPage() {
  const session = await requireRole(["owner", "admin", "manager"], "/deletion-requests");
  return <DeletionRequestsClient canAct={session.user.role !== "manager"} />;
}
