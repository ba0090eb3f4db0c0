import type { AnyProcedure } from "@trpc/server";
import type { Tier } from "@/server/schemas/common";
import { createCallerFactory, router, type ProcedureMeta } from "./trpc";
import { sessionRouter } from "./routers/session";
import { settingsRouter } from "./routers/settings";
import { auditRouter } from "./routers/audit";
import { timelineRouter } from "./routers/timeline";
import { usersRouter } from "./routers/users";
import { groupsRouter } from "./routers/groups";
import { tagsRouter } from "./routers/tags";
import { salesRouter } from "./routers/sales";
import { apiKeysRouter } from "./routers/api-keys";
import { emailRouter } from "./routers/email";
import { passwordsRouter } from "./routers/passwords";
import { devicesRouter } from "./routers/devices";
import { invitesRouter } from "./routers/invites";
import { subscribersRouter } from "./routers/subscribers";
import { accountRouter, deletionRequestsRouter } from "./routers/account";
import { importsRouter } from "./routers/imports";

export const appRouter = router({
  imports: importsRouter,
  session: sessionRouter,
  settings: settingsRouter,
  audit: auditRouter,
  timeline: timelineRouter,
  users: usersRouter,
  groups: groupsRouter,
  tags: tagsRouter,
  sales: salesRouter,
  apiKeys: apiKeysRouter,
  email: emailRouter,
  passwords: passwordsRouter,
  devices: devicesRouter,
  invites: invitesRouter,
  subscribers: subscribersRouter,
  account: accountRouter,
  deletionRequests: deletionRequestsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  tier: Tier | undefined;
}

/** Every procedure with its declared tier; the authorization matrix test walks this. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  return Object.entries(procedures).map(([path, proc]) => ({
    path,
    type: proc._def.type,
    tier: (proc._def.meta as ProcedureMeta | undefined)?.tier,
  }));
}
