import type { z } from "zod";
import { ROLES, type Role } from "@/server/schemas/common";
import {
  PROSPECT_STAGES,
  USER_SORTS,
  USER_SOURCES,
  USER_STATUSES,
  type UserListFilter,
  type UserSort,
} from "@/server/schemas/users";

/**
 * The user list's whole state lives in the URL so a view can be shared and the back button
 * works. This module is the one translation between query-string and `users.list` input,
 * used by the server page (prefetch) and the client (queries), so both build the same key.
 */
export type FilterInput = z.input<typeof UserListFilter>;
export type SortDir = "asc" | "desc";

export interface ListState {
  filter: FilterInput;
  sort: UserSort;
  dir: SortDir;
}

export const PAGE_SIZE = 50;
/** sessionStorage key: the last list URL, so a record's back link restores filters. */
export const LAST_LIST_KEY = "user-manager.users.last-list";
export const DEFAULT_SORT: UserSort = "created";

/** Sensible first direction per column: A→Z for text, newest/biggest first otherwise. */
export function defaultDir(sort: UserSort): SortDir {
  return sort === "name" || sort === "email" ? "asc" : "desc";
}

type Multi = "status" | "levelId" | "role" | "source" | "prospectStage" | "groupIds" | "tagIds" | "smartTypeId";
const MULTI: Record<Multi, { param: string; values: readonly string[] | "ids" }> = {
  status: { param: "status", values: USER_STATUSES },
  levelId: { param: "level", values: "ids" },
  role: { param: "role", values: ROLES },
  source: { param: "source", values: USER_SOURCES },
  prospectStage: { param: "stage", values: PROSPECT_STAGES },
  groupIds: { param: "group", values: "ids" },
  tagIds: { param: "tag", values: "ids" },
  smartTypeId: { param: "smartType", values: "ids" },
};
const BOOLS = { subscribed: "subscribed", active: "active", hasOrders: "orders" } as const;
const DATES = {
  createdFrom: "createdFrom",
  createdTo: "createdTo",
  lastOrderFrom: "lastOrderFrom",
  lastOrderTo: "lastOrderTo",
} as const;
const COUNTS = { orderCountMin: "ordersMin", orderCountMax: "ordersMax" } as const;
const MONEY = { totalSpendMin: "spendMin", totalSpendMax: "spendMax" } as const;

/** Every query-string key the list understands (used to clear filters). */
export const FILTER_PARAMS: readonly string[] = [
  "q",
  ...Object.values(MULTI).map((m) => m.param),
  ...Object.values(BOOLS),
  ...Object.values(DATES),
  ...Object.values(COUNTS),
  ...Object.values(MONEY),
  "tagMode",
];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function list(sp: URLSearchParams, key: string): string[] {
  return sp
    .getAll(key)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

function validDay(v: string | null): string | undefined {
  if (!v || !ISO_DAY.test(v)) return undefined;
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2200) return undefined;
  return v;
}

function nonNegative(v: string | null): number | undefined {
  if (v === null || v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** URL → list input. Anything malformed is ignored rather than failing the page. */
export function parseListState(sp: URLSearchParams, currencyDigits: number): ListState {
  const filter: FilterInput = {};
  const q = sp.get("q")?.trim();
  if (q) filter.q = q.slice(0, 200);
  for (const [key, { param, values }] of Object.entries(MULTI) as Array<[Multi, (typeof MULTI)[Multi]]>) {
    const raw = list(sp, param);
    const picked: Array<string | number> =
      values === "ids"
        ? raw.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)
        : raw.filter((v) => values.includes(v));
    if (picked.length) (filter as Record<string, unknown>)[key] = [...new Set(picked)];
  }
  for (const [key, param] of Object.entries(BOOLS)) {
    const v = sp.get(param);
    if (v === "1" || v === "0") (filter as Record<string, unknown>)[key] = v === "1";
  }
  for (const [key, param] of Object.entries(DATES)) {
    const day = validDay(sp.get(param));
    // A bare "to" date includes that whole day (the service treats midnight as end of day).
    if (day) (filter as Record<string, unknown>)[key] = day;
  }
  for (const [key, param] of Object.entries(COUNTS)) {
    const n = nonNegative(sp.get(param));
    if (n !== undefined) (filter as Record<string, unknown>)[key] = Math.floor(n);
  }
  for (const [key, param] of Object.entries(MONEY)) {
    const n = nonNegative(sp.get(param));
    if (n !== undefined) (filter as Record<string, unknown>)[key] = Math.round(n * 10 ** currencyDigits);
  }
  // "any" is the default; "all" only means something with two or more tags.
  if (filter.tagIds?.length && sp.get("tagMode") === "all") filter.tagMode = "all";
  const sortRaw = sp.get("sort");
  // Searches rank by relevance unless a sort was picked; relevance only makes sense with a search.
  let sort = (USER_SORTS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as UserSort) : null;
  if (!sort || (sort === "relevance" && !filter.q)) sort = filter.q ? "relevance" : DEFAULT_SORT;
  const dirRaw = sp.get("dir");
  const dir: SortDir = sort === "relevance" ? "asc" : dirRaw === "asc" || dirRaw === "desc" ? dirRaw : defaultDir(sort);
  return { filter, sort, dir };
}

export function listInput(state: ListState) {
  return { filter: state.filter, sort: state.sort, dir: state.dir, limit: PAGE_SIZE };
}

/** Next's page `searchParams` object → URLSearchParams. */
export function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
    else if (v !== undefined) sp.set(k, v);
  }
  return sp;
}

export function hasAnyFilter(filter: FilterInput): boolean {
  return Object.values(filter).some((v) => v !== undefined);
}

export const MULTI_PARAMS = MULTI;
export const ROLE_VALUES: readonly Role[] = ROLES;
