import { redirect } from "next/navigation";
import { logoutAction } from "@/app/actions/auth";
import { AdminShell, type NavItem } from "@/components/layout/admin-shell";
import { requireRole } from "@/server/auth/session";
import { STAFF_ROLES } from "@/server/schemas/common";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await requireRole(STAFF_ROLES);
  // A temporary password set by an admin must be replaced before anything else (U6).
  if (session.user.mustChangePassword) redirect("/account/password");
  const role = session.user.role;
  const nav: NavItem[] = [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/users", label: "Users" },
    { href: "/groups", label: "Groups" },
    { href: "/smart-types", label: "Smart types" },
    { href: "/tags", label: "Tags" },
    { href: "/prospects", label: "Prospects" },
    { href: "/reports", label: "Reports" },
  ];
  if (role === "owner" || role === "admin") nav.push({ href: "/invites", label: "Invites" }, { href: "/subscribers", label: "Subscribers" });
  nav.push({ href: "/deletion-requests", label: "Deletion requests" });
  if (role === "owner" || role === "admin") nav.push({ href: "/audit", label: "Audit log" });
  if (role === "owner" || role === "admin") nav.push({ href: "/email", label: "Email outbox" });
  if (role === "owner") nav.push({ href: "/settings", label: "Settings" });
  if (role === "owner") nav.push({ href: "/settings/api-keys", label: "API keys" });
  return (
    <AdminShell
      user={{ name: session.user.name, email: session.user.email, role }}
      nav={nav}
      logout={logoutAction}
    >
      {children}
    </AdminShell>
  );
}
