import { z } from "zod";
import { listMyDevices, listUserDevices, revokeAllDevices, revokeDevice } from "@/server/services/devices/devices";
import { deletePushSubscription, pushConfig, sendTestPush, subscribePush, updatePushAlerts } from "@/server/services/devices/push";
import {
  DeviceList,
  DeviceListInput,
  DeviceRevokeAllInput,
  DeviceRevokeInput,
  PushConfig,
  PushAlert,
  PushIdInput,
  PushSendResult,
  PushSubscribeInput,
  PushUpdateInput,
} from "@/server/schemas/devices";
import { adminProcedure, router, staffProcedure } from "../trpc";

export const devicesRouter = router({
  /** The caller's own devices (profile page). */
  mine: staffProcedure.output(DeviceList).query(({ ctx }) => listMyDevices({ ctx: ctx.svc })),
  /** A staff user's devices (Devices tab of the user record). */
  list: adminProcedure.input(DeviceListInput).output(DeviceList).query(({ ctx, input }) => listUserDevices({ ctx: ctx.svc, input })),
  /** Remove a device: own for anyone on staff, others' for admins over accounts they manage. */
  revoke: staffProcedure
    .input(DeviceRevokeInput)
    .output(z.object({ revoked: z.boolean() }))
    .mutation(({ ctx, input }) => revokeDevice({ ctx: ctx.svc, input })),
  /** "Log out everywhere" for a staff user. */
  revokeAll: adminProcedure
    .input(DeviceRevokeAllInput)
    .output(z.object({ revoked: z.number().int() }))
    .mutation(({ ctx, input }) => revokeAllDevices({ ctx: ctx.svc, input })),

  push: router({
    config: staffProcedure.output(PushConfig).query(() => pushConfig()),
    subscribe: staffProcedure
      .input(PushSubscribeInput)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => subscribePush({ ctx: ctx.svc, input })),
    update: staffProcedure
      .input(PushUpdateInput)
      .output(z.object({ id: z.number(), alerts: z.array(PushAlert) }))
      .mutation(({ ctx, input }) => updatePushAlerts({ ctx: ctx.svc, input })),
    delete: staffProcedure
      .input(PushIdInput)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => deletePushSubscription({ ctx: ctx.svc, input })),
    test: staffProcedure.input(PushIdInput).output(PushSendResult).mutation(({ ctx, input }) => sendTestPush({ ctx: ctx.svc, input })),
  }),
});
