import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireRole } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { STAFF_ROLES } from "@/server/schemas/common";
import { ImportClient } from "./import-client";

export const metadata: Metadata = { title: "Import users" };

export default async function ImportUsersPage() {
  const session = await requireRole(STAFF_ROLES, "/users/import");
  // Importing writes users: managers are read-only, so they go back to the list.
  if (session.user.role === "manager") redirect("/users");
  await prefetch(trpc.settings.get.queryOptions());
  return (
    <HydrateClient>
      <ImportClient />
    </HydrateClient>
  );
}
