import "server-only";
import { getDb } from "@/server/db";
import { revokeSession, type SessionInfo } from "@/server/services/auth/sessions";

/** Logging out deletes nothing but ends the server-side session row, so the JWT is dead too. */
export async function logout(session: SessionInfo, ip: string | null): Promise<void> {
  await revokeSession({ db: await getDb(), actor: session.user, ip }, session.sessionId, "logout");
}
