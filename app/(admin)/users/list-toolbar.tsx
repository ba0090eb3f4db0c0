"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { UserSort } from "@/server/schemas/users";
import type { SortDir } from "./list-params";

const SORT_OPTIONS: ReadonlyArray<{ value: `${UserSort}:${SortDir}`; label: string }> = [
  { value: "created:desc", label: "Newest first" },
  { value: "created:asc", label: "Oldest first" },
  { value: "name:asc", label: "Name A–Z" },
  { value: "name:desc", label: "Name Z–A" },
  { value: "email:asc", label: "Email A–Z" },
  { value: "email:desc", label: "Email Z–A" },
  { value: "lastActive:desc", label: "Recently active" },
  { value: "lastActive:asc", label: "Least recently active" },
  { value: "totalSpend:desc", label: "Highest spend" },
  { value: "totalSpend:asc", label: "Lowest spend" },
];

/** Debounced search: the URL follows the box (replace), and the box follows Back/Forward. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  const lastSent = useRef(value);

  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text.trim() === lastSent.current.trim()) return;
    const t = setTimeout(() => {
      lastSent.current = text.trim();
      onSearch(text.trim());
    }, 300);
    return () => clearTimeout(t);
  }, [text, onSearch]);

  // "/" jumps to search from anywhere on the page, as in most admin consoles.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (target.closest("input, textarea, select, [contenteditable=true], dialog")) return;
      e.preventDefault();
      ref.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="relative min-w-0 flex-1">
      <label htmlFor="user-search" className="sr-only">
        Search users
      </label>
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500"
      >
        <path
          fillRule="evenodd"
          d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
        />
      </svg>
      <input
        ref={ref}
        id="user-search"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            lastSent.current = text.trim();
            onSearch(text.trim());
          }
        }}
        placeholder="Search name, email, company, phone"
        autoComplete="off"
        className={inputClass() + " h-10 pl-9"}
      />
      <kbd className="pointer-events-none absolute top-1/2 right-2.5 hidden -translate-y-1/2 rounded border border-slate-300 px-1.5 text-xs text-slate-600 sm:block">
        /
      </kbd>
    </div>
  );
}

export function SortSelect({
  sort,
  dir,
  searching,
  onChange,
}: {
  sort: UserSort;
  dir: SortDir;
  searching: boolean;
  onChange: (sort: UserSort, dir: SortDir) => void;
}) {
  const options = searching ? [{ value: "relevance:asc", label: "Best match" }, ...SORT_OPTIONS] : SORT_OPTIONS;
  return (
    <div>
      <label htmlFor="user-sort" className="sr-only">
        Sort by
      </label>
      <select
        id="user-sort"
        value={`${sort}:${dir}`}
        onChange={(e) => {
          const [s, d] = e.target.value.split(":") as [UserSort, SortDir];
          onChange(s, d);
        }}
        className={inputClass() + " h-9 w-auto py-1 pr-8"}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FiltersButton({ count, onClick }: { count: number; onClick: () => void }) {
  return (
    <Button onClick={onClick} aria-haspopup="dialog">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
        <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm3 5a1 1 0 0 1 1-1h6a1 1 0 1 1 0 2H7a1 1 0 0 1-1-1Zm3 5a1 1 0 0 1 1-1h0a1 1 0 1 1 0 2h0a1 1 0 0 1-1-1Z" />
      </svg>
      Filters
      {count ? (
        <span className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white">{count}</span>
      ) : null}
    </Button>
  );
}
