import type { Database } from "@/db/client";
import { createCaller } from "@/server/api/root";
import type { Role } from "@/server/schemas/common";
import { createSession, createStaff } from "./factories";

export type Caller = ReturnType<typeof createCaller>;

export function anonymousCaller(db: Database): Caller {
  return createCaller({ db, session: null, ip: "127.0.0.1", userAgent: "vitest" });
}

/** A caller signed in as a new user of `role`, with a real session row. */
export async function callerAs(db: Database, role: Role, opts: { mustChangePassword?: boolean } = {}) {
  const user = await createStaff(db, role, { mustChangePassword: opts.mustChangePassword ?? false });
  const session = await createSession(db, user.id);
  const caller = createCaller({
    db,
    session: {
      sessionId: session.id,
      user: {
        id: user.id,
        email: user.email,
        name: `${user.firstName} ${user.lastName}`,
        role: user.role,
        sessionId: session.id,
        mustChangePassword: user.mustChangePassword,
      },
    },
    ip: "127.0.0.1",
    userAgent: "vitest",
  });
  return { caller, user, session };
}
