import { redirect } from "next/navigation";
import { getCurrentSession } from "@/server/auth/session";
import { STAFF_ROLES } from "@/server/schemas/common";

export const dynamic = "force-dynamic";

export default async function Home() {
  const session = await getCurrentSession();
  if (!session) redirect("/login");
  redirect(STAFF_ROLES.includes(session.user.role) ? "/dashboard" : "/account");
}
