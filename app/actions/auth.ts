"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn, signOut } from "@/server/auth/config";
import { getCurrentSession } from "@/server/auth/session";
import { logout } from "@/server/api/session-actions";
import { LOGIN_FAILED, LOGIN_LOCKED, PASSWORD_EXPIRED } from "@/server/services/auth/login";

export interface LoginState {
  error: string | null;
  email: string;
}

function safeNext(next: FormDataEntryValue | null): string {
  const value = typeof next === "string" ? next : "";
  // Only same-site paths: never an open redirect.
  return value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(form.get("next")) });
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      const error = err.code === "rate_limited" ? LOGIN_LOCKED : err.code === "password_expired" ? PASSWORD_EXPIRED : LOGIN_FAILED;
      return { error, email };
    }
    if (err instanceof AuthError) return { error: LOGIN_FAILED, email };
    throw err; // the redirect after a successful sign-in
  }
  return { error: null, email };
}

export async function logoutAction(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await logout(session, (await headers()).get("x-forwarded-for"));
  await signOut({ redirectTo: "/login" });
}
