import { run as suggestDomain, POPULAR_DOMAINS } from "@zootools/email-spell-checker";
import { disposableEmailBlocklistSet } from "disposable-email-domains-js";
import type { SubscriberChecks } from "@/server/schemas/subscribers";

/**
 * S2: the per-line checks (everything except duplicates and the database comparison, which are
 * set-based in SQL). Each rejection starts with a fixed label before the colon, so the preview can
 * count rejections by kind.
 */

/** Local parts that name a function or a team rather than a person who agreed to a newsletter. */
export const ROLE_LOCAL_PARTS = new Set([
  "abuse", "accounts", "admin", "administrator", "billing", "careers", "contact", "customerservice", "donotreply",
  "do-not-reply", "enquiries", "help", "hello", "hostmaster", "hr", "info", "inquiries", "jobs", "mail", "marketing",
  "media", "newsletter", "no-reply", "noreply", "office", "orders", "postmaster", "press", "privacy", "reception",
  "root", "sales", "security", "service", "support", "team", "webmaster",
]);

// Real providers the typo finder must never "correct" (email.com is not a typo of gmail.com).
const KNOWN_DOMAINS = [
  ...POPULAR_DOMAINS,
  "btinternet.com", "email.com", "gmx.co.uk", "gmx.de", "googlemail.com", "hotmail.co.uk", "hotmail.fr", "live.co.uk",
  "mac.com", "mail.com", "me.com", "outlook.co.uk", "proton.me", "qq.com", "sky.com", "talktalk.net", "virginmedia.com",
  "web.de", "yahoo.co.uk", "yahoo.fr", "ymail.com",
];
const KNOWN = new Set(KNOWN_DOMAINS);

let disposable: Set<string> | undefined;
const disposableDomains = () => (disposable ??= disposableEmailBlocklistSet());

const typoCache = new Map<string, string | null>();

/** The common domain this one is probably a typo of, or null. Cached: a paste repeats few domains. */
export function typoOf(domain: string): string | null {
  if (KNOWN.has(domain)) return null;
  let hit = typoCache.get(domain);
  if (hit === undefined) {
    hit = suggestDomain({ email: `x@${domain}`, domains: KNOWN_DOMAINS })?.domain ?? null;
    if (hit === domain) hit = null;
    if (typoCache.size > 50_000) typoCache.clear();
    typoCache.set(domain, hit);
  }
  return hit;
}

/** Takes the address out of `Name <addr>`, quotes or a mailto: prefix, lower-cased. */
export function normaliseLine(raw: string): string {
  let s = raw.trim();
  const angle = /<([^<>]*)>\s*$/.exec(s);
  if (angle?.[1] !== undefined) s = angle[1];
  s = s.replace(/^["']+|["']+$/g, "").replace(/^mailto:/i, "").trim();
  return s.toLowerCase();
}

const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Why the address breaks the strict rules, or null. */
function syntaxProblem(local: string, domain: string): string | null {
  if (local.length > 64) return "the part before @ is longer than 64 characters";
  if (!LOCAL.test(local)) return "the part before @ has a character or dot that addresses cannot have";
  const labels = domain.split(".");
  if (labels.length < 2) return "the domain has no dot";
  if (!labels.every((l) => LABEL.test(l))) return "the domain has an empty part or a character domains cannot have";
  if (!TLD.test(labels[labels.length - 1] ?? "")) return "the domain does not end in a real top-level domain";
  return null;
}

export interface LineCheck {
  email: string | null;
  reason: string | null;
  suggestion: string | null;
}

export function checkLine(raw: string, checks: SubscriberChecks): LineCheck {
  const email = normaliseLine(raw);
  const at = email.lastIndexOf("@");
  // Always on: a record needs something that is at least shaped like an address.
  if (at <= 0 || at === email.length - 1 || /\s/.test(email) || email.length > 254 || email.indexOf("@") !== at) {
    return { email: null, reason: "Not an email address: expected one address like name@example.com", suggestion: null };
  }
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (checks.syntax) {
    const problem = syntaxProblem(local, domain);
    if (problem) return { email, reason: `Invalid syntax: ${problem}`, suggestion: null };
  }
  if (checks.typos) {
    const fix = typoOf(domain);
    if (fix) return { email, reason: `Likely typo: ${domain} is probably ${fix}`, suggestion: `${local}@${fix}` };
  }
  if (checks.disposable && disposableDomains().has(domain)) {
    return { email, reason: `Disposable domain: ${domain} hands out throwaway addresses`, suggestion: null };
  }
  if (checks.role && ROLE_LOCAL_PARTS.has(local.split("+")[0] ?? local)) {
    return { email, reason: `Role address: ${local}@ is a shared mailbox, not a person`, suggestion: null };
  }
  return { email, reason: null, suggestion: null };
}
