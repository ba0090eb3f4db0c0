import { randomUUID } from "node:crypto";
import { sessions, users } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Role } from "@/server/schemas/common";

type NewUser = typeof users.$inferInsert;

let seq = 0;

/** A fixed argon2id hash of "correct horse battery staple" so factories never pay hashing time. */
export const TEST_PASSWORD = "correct horse battery staple";
export const TEST_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$VXsqfKqXxPoBpmOmj10AQw$3rchFQRhPtoOcdDL/L9wO0bhWoi95RDvF7ke7vE+LGk";

export async function createUser(db: Database, overrides: Partial<NewUser> = {}) {
  seq += 1;
  const [row] = await db
    .insert(users)
    .values({
      email: `user${seq}-${randomUUID().slice(0, 8)}@example.test`,
      firstName: "Test",
      lastName: `User${seq}`,
      status: "approved",
      role: "customer",
      source: "manual",
      passwordHash: TEST_PASSWORD_HASH,
      emailConfirmedAt: new Date(),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function createStaff(db: Database, role: Role, overrides: Partial<NewUser> = {}) {
  return createUser(db, { role, firstName: role[0]!.toUpperCase() + role.slice(1), ...overrides });
}

export async function createSession(db: Database, userId: number, overrides: Partial<typeof sessions.$inferInsert> = {}) {
  const [row] = await db
    .insert(sessions)
    .values({
      id: randomUUID(),
      userId,
      ip: "127.0.0.1",
      userAgent: "vitest",
      expiresAt: new Date(Date.now() + 86_400_000),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}
