import type { Metadata } from "next";
import { requireRole } from "@/server/auth/session";
import { OutboxClient } from "./outbox-client";

export const metadata: Metadata = { title: "Email outbox" };

export default async function EmailOutboxPage() {
  await requireRole(["owner", "admin"], "/email");
  return <OutboxClient />;
}
