import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getEnv } from "@/server/env";
import { getDb } from "@/server/db";
import { authenticate, PasswordExpiredError } from "@/server/services/auth/login";
import { TooManyRequestsError } from "@/server/services/core/errors";
import { clientIp } from "./request-info";

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
  interface User {
    sessionId?: string;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}
class PasswordExpired extends CredentialsSignin {
  code = "password_expired";
}

const Credentials$ = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut } = NextAuth((): NextAuthConfig => {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    // Credentials cannot use database sessions; the JWT carries a session id that is checked
    // against the sessions table on every request (see server/auth/session.ts).
    session: { strategy: "jwt", maxAge: env.SESSION_IDLE_DAYS * 86_400 },
    pages: { signIn: "/login" },
    cookies: {
      sessionToken: {
        name: env.NODE_ENV === "production" ? "__Secure-um.session" : "um.session",
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: env.NODE_ENV === "production" },
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = Credentials$.safeParse(raw);
          if (!parsed.success) return null;
          try {
            const result = await authenticate(
              await getDb(),
              {
                email: parsed.data.email,
                password: parsed.data.password,
                ip: clientIp(request.headers),
                userAgent: request.headers.get("user-agent"),
              },
              {
                maxPerEmail: env.LOGIN_MAX_PER_EMAIL,
                maxPerIp: env.LOGIN_MAX_PER_IP,
                windowMinutes: env.LOGIN_WINDOW_MINUTES,
                idleDays: env.SESSION_IDLE_DAYS,
              },
            );
            return { id: String(result.userId), sessionId: result.sessionId };
          } catch (err) {
            if (err instanceof TooManyRequestsError) throw new RateLimited();
            if (err instanceof PasswordExpiredError) throw new PasswordExpired();
            return null;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sessionId) token.sid = user.sessionId;
        return token;
      },
      session({ session, token }) {
        session.sessionId = token.sid;
        return session;
      },
    },
  };
});
