"use server";

import { TRPCError } from "@trpc/server";
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth/config";
import { serverCaller } from "@/server/api/rsc";

export interface AcceptState {
  error: string | null;
  fieldErrors: Record<string, string>;
  accepted: boolean;
}

/**
 * I2: sets the password through the invites.accept procedure, then signs in through next-auth's
 * credentials provider like the login form, so the session row and JWT are made the usual way.
 */
export async function acceptInviteAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  const firstName = String(form.get("firstName") ?? "").trim();
  const lastName = String(form.get("lastName") ?? "").trim();
  let email: string;
  try {
    ({ email } = await (await serverCaller()).invites.accept({ token, password, firstName: firstName || undefined, lastName: lastName || undefined }));
  } catch (err) {
    if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") {
      const [field, ...rest] = err.message.split(": ");
      if (field === "password" && rest.length) return { error: null, fieldErrors: { password: capitalise(rest.join(": ")) }, accepted: false };
      return { error: field === "token" && rest.length ? rest.join(": ") : err.message, fieldErrors: {}, accepted: false };
    }
    return { error: "Something went wrong on our side. Try again in a moment.", fieldErrors: {}, accepted: false };
  }
  try {
    await signIn("credentials", { email, password, redirectTo: "/account?welcome=1" });
  } catch (err) {
    if (err instanceof AuthError) {
      // The password is set; only the automatic sign-in failed (e.g. rate limit). Say so plainly.
      return { error: "Your password is set, but we could not sign you in automatically. Sign in with it now.", fieldErrors: {}, accepted: true };
    }
    throw err; // the redirect after a successful sign-in
  }
  return { error: null, fieldErrors: {}, accepted: true };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
