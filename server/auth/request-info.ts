import { getEnv } from "@/server/env";

/**
 * The caller's IP. X-Forwarded-For is client-controlled unless a proxy we trust rewrites it, so
 * without TRUSTED_PROXY only the hop Next's own server appended (the socket peer) is used.
 */
export function clientIp(headers: Headers): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return headers.get("x-real-ip") ?? "unknown";
  if (getEnv().TRUSTED_PROXY) return forwarded[0] ?? "unknown";
  return forwarded[forwarded.length - 1] ?? "unknown";
}
