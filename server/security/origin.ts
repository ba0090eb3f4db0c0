/**
 * Whether a state-changing request comes from another site (CSRF). Mutations are POSTs; browsers
 * always send Sec-Fetch-Site, and Origin on POST. Requests with neither (curl, server-to-server)
 * carry no ambient browser cookies worth forging, so they pass.
 */
export function isCrossSite(req: Request): boolean {
  if (req.method !== "POST") return false;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return false;
}
