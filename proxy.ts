import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/server/env";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/server/security/headers";

/** Security headers with a per-request CSP nonce (Next 16's proxy, the successor of middleware). */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const options = { nonce, production: getEnv().NODE_ENV === "production" };
  const csp = contentSecurityPolicy(options);

  // Next.js finds the nonce in the request's CSP header while rendering and puts it on its scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders(options))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Everything but hashed build assets, which are immutable and carry no markup.
    { source: "/((?!_next/static|_next/image|favicon.ico).*)" },
  ],
};
