"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

export interface NavItem {
  href: string;
  label: string;
}

export interface ShellUser {
  name: string;
  email: string;
  role: string;
}

function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(item.href + "/");
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`block rounded-lg px-3 py-2 text-sm font-medium ${
                active ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"
              }`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function UserBox({ user, logout }: { user: ShellUser; logout: () => Promise<void> }) {
  return (
    <div className="border-t border-slate-200 p-4">
      <p className="truncate text-sm font-medium" title={user.email}>
        {user.name}
      </p>
      <p className="truncate text-xs text-slate-600">
        {user.email} · <span className="capitalize">{user.role}</span>
      </p>
      <Link
        href="/profile"
        className="mt-3 block rounded-lg px-3 py-1.5 text-center text-sm font-medium text-brand-700 hover:bg-brand-50"
      >
        Profile &amp; devices
      </Link>
      <form action={logout} className="mt-2">
        <button
          type="submit"
          className="w-full rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Log out
        </button>
      </form>
    </div>
  );
}

export function AdminShell({
  user,
  nav,
  logout,
  children,
}: {
  user: ShellUser;
  nav: NavItem[];
  logout: () => Promise<void>;
  children: React.ReactNode;
}) {
  // The menu belongs to the page it was opened on: navigating (links, back button) closes it.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean | ((was: boolean) => boolean)) =>
    setOpenOn((prev) => ((typeof next === "function" ? next(prev === pathname) : next) ? pathname : null));
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpenOn(null);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex lg:min-h-screen">
        <div className="px-5 py-5 text-lg font-semibold tracking-tight">User Manager</div>
        <nav aria-label="Main" className="flex-1 px-3">
          <NavLinks items={nav} />
        </nav>
        <UserBox user={user} logout={logout} />
      </aside>

      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <span className="text-base font-semibold">User Manager</span>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((v) => !v)}
          className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium"
        >
          {open ? "Close" : "Menu"}
        </button>
      </header>
      {open ? (
        <div id="mobile-nav" className="fixed inset-0 top-[53px] z-20 flex flex-col bg-white lg:hidden">
          <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
            <NavLinks items={nav} onNavigate={() => setOpen(false)} />
          </nav>
          <UserBox user={user} logout={logout} />
        </div>
      ) : null}

      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
