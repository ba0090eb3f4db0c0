// Talking to a running `next start` as the bench's owner: a next-auth JWT for a real session row,
// signed with AUTH_SECRET exactly as the credentials login would, sent under both cookie names
// (`__Secure-um.session` in production, `um.session` otherwise; see server/auth/config.ts).
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { drainStream } from "./lib";

export interface HttpClient {
  base: string;
  cookie: string;
  trpc(path: string, input?: unknown): Promise<unknown>;
  download(pathAndQuery: string): Promise<number>;
}

export const COOKIE_NAMES = ["__Secure-um.session", "um.session"] as const;

export async function sessionCookie(opts: { userId: number; email: string; sessionId: string; secret: string }): Promise<string> {
  const parts: string[] = [];
  for (const name of COOKIE_NAMES) {
    const token = await encode({
      token: { sub: String(opts.userId), email: opts.email, sid: opts.sessionId },
      secret: opts.secret,
      salt: name,
      maxAge: 86_400,
    });
    parts.push(`${name}=${token}`);
  }
  return parts.join("; ");
}

export function trpcUrl(base: string, path: string, input?: unknown): string {
  const q = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  return `${base.replace(/\/$/, "")}/api/trpc/${path}${q}`;
}

export async function httpClient(base: string, cookie: string): Promise<HttpClient> {
  const client: HttpClient = {
    base,
    cookie,
    async trpc(path, input) {
      const res = await fetch(trpcUrl(base, path, input), { headers: { cookie } });
      const body = await res.text();
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
      return body;
    },
    async download(pathAndQuery) {
      const res = await fetch(`${base.replace(/\/$/, "")}${pathAndQuery}`, { headers: { cookie } });
      if (!res.ok || !res.body) throw new Error(`${pathAndQuery}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      const out = await drainStream(res.body);
      if (out.stalled) throw new Error(`${pathAndQuery}: the response sent ${out.bytes} bytes and then never ended`);
      return out.bytes;
    },
  };
  // Fail early with a clear message when the server is not there or does not accept the session.
  const me = await fetch(trpcUrl(base, "session.me"), { headers: { cookie } }).catch((err: unknown) => {
    throw new Error(`cannot reach ${base}: ${err instanceof Error ? err.message : String(err)} (is \`next start\` running?)`);
  });
  const text = await me.text();
  if (!me.ok || !text.includes('"owner"')) {
    throw new Error(
      `${base} did not accept the bench session (HTTP ${me.status}: ${text.slice(0, 200)}). ` +
        "The server must use the same DATABASE_URL as the bench and the same AUTH_SECRET (.env.local).",
    );
  }
  return client;
}
