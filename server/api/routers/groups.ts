import { z } from "zod";
import "@/server/services/groups/bulk-actions";
import { Id } from "@/server/schemas/common";
import {
  GroupCreateInput,
  GroupDeletePreview,
  GroupEmailDetail,
  GroupEmailPreview,
  GroupEmailPreviewInput,
  GroupEmailSendInput,
  GroupEmailSummary,
  GroupListItem,
  GroupMemberList,
  GroupMemberListInput,
  GroupMembersChange,
  GroupMessage,
  GroupMessageCreateInput,
  GroupMessageUpdateInput,
  GroupUpdateInput,
  MyGroupMessage,
  UserGroupsView,
} from "@/server/schemas/groups";
import { PriceBreak, PriceBreakInput, PricingInput, PricingResult } from "@/server/schemas/pricing";
import { createGroup, deleteGroup, getGroup, listGroups, previewGroupDelete, updateGroup } from "@/server/services/groups/groups";
import { addMembers, listMembers, removeMembers, userGroupsView } from "@/server/services/groups/members";
import {
  createGroupMessage,
  deleteGroupMessage,
  dismissGroupMessage,
  listGroupMessages,
  myGroupMessages,
  updateGroupMessage,
} from "@/server/services/groups/messages";
import { getGroupEmail, listGroupEmails, previewGroupEmail, sendGroupEmail } from "@/server/services/groups/group-emails";
import { createPriceBreak, deletePriceBreak, listPriceBreaks, priceBreakTargets } from "@/server/services/groups/price-breaks";
import { priceCart } from "@/server/services/groups/pricing";
import { adminProcedure, authedProcedure, router, staffProcedure } from "../trpc";
import { smartTypesRouter } from "./smart-types";

const ById = z.object({ id: Id });
const Changed = z.object({ changed: z.number() });

export const groupsRouter = router({
  list: staffProcedure.output(z.array(GroupListItem)).query(({ ctx }) => listGroups({ ctx: ctx.svc })),
  get: staffProcedure.input(ById).output(GroupListItem).query(({ ctx, input }) => getGroup({ ctx: ctx.svc, input })),
  create: adminProcedure
    .input(GroupCreateInput)
    .output(z.object({ id: z.number() }))
    .mutation(({ ctx, input }) => createGroup({ ctx: ctx.svc, input })),
  update: adminProcedure
    .input(GroupUpdateInput)
    .output(z.object({ id: z.number() }))
    .mutation(({ ctx, input }) => updateGroup({ ctx: ctx.svc, input })),
  deletePreview: adminProcedure
    .input(ById)
    .output(GroupDeletePreview)
    .query(({ ctx, input }) => previewGroupDelete({ ctx: ctx.svc, input })),
  delete: adminProcedure
    .input(ById)
    .output(z.object({ removedMembers: z.number() }))
    .mutation(({ ctx, input }) => deleteGroup({ ctx: ctx.svc, input })),
  forUser: staffProcedure
    .input(z.object({ userId: Id }))
    .output(UserGroupsView)
    .query(({ ctx, input }) => userGroupsView({ ctx: ctx.svc, input })),
  members: router({
    list: staffProcedure
      .input(GroupMemberListInput)
      .output(GroupMemberList)
      .query(({ ctx, input }) => listMembers({ ctx: ctx.svc, input })),
    add: adminProcedure.input(GroupMembersChange).output(Changed).mutation(({ ctx, input }) => addMembers({ ctx: ctx.svc, input })),
    remove: adminProcedure.input(GroupMembersChange).output(Changed).mutation(({ ctx, input }) => removeMembers({ ctx: ctx.svc, input })),
  }),
  priceBreaks: router({
    list: staffProcedure
      .input(z.object({ groupId: Id }))
      .output(z.array(PriceBreak))
      .query(({ ctx, input }) => listPriceBreaks({ ctx: ctx.svc, input })),
    create: adminProcedure
      .input(PriceBreakInput)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => createPriceBreak({ ctx: ctx.svc, input })),
    delete: adminProcedure
      .input(ById)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => deletePriceBreak({ ctx: ctx.svc, input })),
    targets: staffProcedure
      .input(z.object({ q: z.string().trim().max(100).optional() }))
      .output(
        z.object({
          products: z.array(z.object({ id: z.number(), sku: z.string(), name: z.string(), priceCents: z.number() })),
          categories: z.array(z.object({ id: z.number(), name: z.string() })),
        }),
      )
      .query(({ ctx, input }) => priceBreakTargets({ ctx: ctx.svc, input })),
  }),
  /** G3: the storefront calls the same verb through POST /api/v1/pricing. */
  pricing: staffProcedure.input(PricingInput).output(PricingResult).query(({ ctx, input }) => priceCart({ ctx: ctx.svc, input })),
  messages: router({
    list: staffProcedure
      .input(z.object({ groupId: Id }))
      .output(z.array(GroupMessage))
      .query(({ ctx, input }) => listGroupMessages({ ctx: ctx.svc, input })),
    create: adminProcedure
      .input(GroupMessageCreateInput)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => createGroupMessage({ ctx: ctx.svc, input })),
    update: adminProcedure
      .input(GroupMessageUpdateInput)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => updateGroupMessage({ ctx: ctx.svc, input })),
    delete: adminProcedure
      .input(ById)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => deleteGroupMessage({ ctx: ctx.svc, input })),
    /** Any signed-in user: their own groups' active, undismissed messages (G5). */
    mine: authedProcedure.output(z.array(MyGroupMessage)).query(({ ctx }) => myGroupMessages({ ctx: ctx.svc })),
    dismiss: authedProcedure
      .input(ById)
      .output(z.object({ id: z.number() }))
      .mutation(({ ctx, input }) => dismissGroupMessage({ ctx: ctx.svc, input })),
  }),
  emails: router({
    /** Who gets it, who is skipped and why, and one member's copy; admins only, since it renders member data for sending. */
    preview: adminProcedure
      .input(GroupEmailPreviewInput)
      .output(GroupEmailPreview)
      .query(({ ctx, input }) => previewGroupEmail({ ctx: ctx.svc, input })),
    send: adminProcedure
      .input(GroupEmailSendInput)
      .output(z.object({ id: z.number(), recipients: z.number() }))
      .mutation(({ ctx, input }) => sendGroupEmail({ ctx: ctx.svc, input })),
    list: staffProcedure
      .input(z.object({ groupId: Id.optional() }))
      .output(z.array(GroupEmailSummary))
      .query(({ ctx, input }) => listGroupEmails({ ctx: ctx.svc, input })),
    get: staffProcedure.input(ById).output(GroupEmailDetail).query(({ ctx, input }) => getGroupEmail({ ctx: ctx.svc, input })),
  }),
  smartTypes: smartTypesRouter,
});
