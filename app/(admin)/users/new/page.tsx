import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireRole } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/server/api/rsc";
import { STAFF_ROLES } from "@/server/schemas/common";
import { CreateForm } from "./create-form";

export const metadata: Metadata = { title: "Add user" };

export default async function NewUserPage() {
  const session = await requireRole(STAFF_ROLES);
  // Managers are read-only: send them back to the list rather than show a form they cannot submit.
  if (session.user.role === "manager") redirect("/users");
  await Promise.all([prefetch(trpc.settings.get.queryOptions()), prefetch(trpc.session.me.queryOptions())]);
  return (
    <HydrateClient>
      <CreateForm />
    </HydrateClient>
  );
}
