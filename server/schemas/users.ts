import { z } from "zod";
import { Email, Id, Role } from "./common";

export const USER_STATUSES = ["pending", "approved", "suspended", "rejected"] as const;
export const UserStatus = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof UserStatus>;
export const USER_SOURCES = ["manual", "import", "prospect", "ecommerce", "invite", "subscriber"] as const;
export const UserSource = z.enum(USER_SOURCES);
export type UserSource = z.infer<typeof UserSource>;
export const PROSPECT_STAGES = ["new", "contacted", "qualified", "won", "lost"] as const;
export const ProspectStage = z.enum(PROSPECT_STAGES);

const DateInput = z.coerce
  .date({ message: "Enter a valid date" })
  .refine((d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2200, "Enter a date between 1900 and 2200");
const Money = z.coerce.number().int("Use whole minor units (pence/cents)").min(0).max(1e13);
const Count = z.coerce.number().int().min(0).max(1e9);

/** Every filter the user list offers (U2). All optional; combined with AND. */
export const UserListFilter = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.array(UserStatus).max(4).optional(),
  levelId: z.array(Id).max(50).optional(),
  role: z.array(Role).max(4).optional(),
  source: z.array(UserSource).max(6).optional(),
  subscribed: z.boolean().optional(),
  active: z.boolean().optional(),
  createdFrom: DateInput.optional(),
  createdTo: DateInput.optional(),
  hasOrders: z.boolean().optional(),
  lastOrderFrom: DateInput.optional(),
  lastOrderTo: DateInput.optional(),
  orderCountMin: Count.optional(),
  orderCountMax: Count.optional(),
  totalSpendMin: Money.optional(),
  totalSpendMax: Money.optional(),
  prospectStage: z.array(ProspectStage).max(5).optional(),
  /** Member of any of these groups. */
  groupIds: z.array(Id).max(50).optional(),
  /** Tagged with any (default) or all of these tags. */
  tagIds: z.array(Id).max(50).optional(),
  tagMode: z.enum(["any", "all"]).optional(),
  smartTypeId: z.array(Id).max(50).optional(),
});
export type UserListFilter = z.infer<typeof UserListFilter>;

/** "relevance" (best matches first) applies to searches and is the default when `q` is set. */
export const USER_SORTS = ["relevance", "created", "name", "email", "lastActive", "totalSpend"] as const;
export const UserSort = z.enum(USER_SORTS);
export type UserSort = z.infer<typeof UserSort>;

export const UserListInput = z.object({
  filter: UserListFilter.default({}),
  /** Defaults to relevance when searching, else newest first. */
  sort: UserSort.optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  /** Opaque keyset cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type UserListInput = z.input<typeof UserListInput>;
/** The parsed form services receive. */
export type UserListQuery = z.output<typeof UserListInput>;

export const ActivityReason = z.object({
  active: z.boolean(),
  /** Plain words: "active: signed in 2026-11-20" or "inactive: no login since 2025-03-02". */
  reason: z.string(),
});
export type ActivityReason = z.infer<typeof ActivityReason>;

export const UserListItem = z.object({
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  role: Role,
  status: UserStatus,
  source: UserSource,
  levelId: z.number().nullable(),
  levelName: z.string().nullable(),
  subscribed: z.boolean(),
  prospectStage: ProspectStage.nullable(),
  orderCount: z.number(),
  totalSpendCents: z.number(),
  lastOrderAt: z.date().nullable(),
  lastActiveAt: z.date().nullable(),
  createdAt: z.date(),
  activity: ActivityReason,
  smartTypeId: z.number().nullable(),
  smartTypeName: z.string().nullable(),
});
export type UserListItem = z.infer<typeof UserListItem>;

export const UserListOutput = z.object({
  items: z.array(UserListItem),
  nextCursor: z.string().nullable(),
});
export type UserListOutput = z.infer<typeof UserListOutput>;

export const UserSummary = z.object({ all: z.number(), active: z.number(), subscribed: z.number() });
export type UserSummary = z.infer<typeof UserSummary>;

const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable();

/** Editable personal details (U4). */
export const UserDetails = z.object({
  email: Email,
  firstName: z.string().trim().max(100),
  lastName: z.string().trim().max(100),
  phone: OptionalText(40),
  company: OptionalText(200),
  jobTitle: OptionalText(200),
  addressLine1: OptionalText(200),
  addressLine2: OptionalText(200),
  city: OptionalText(100),
  region: OptionalText(100),
  postcode: OptionalText(20),
  country: OptionalText(2),
  levelId: Id.nullable(),
  role: Role,
  prospectStage: ProspectStage.nullable(),
  customFields: z.record(z.string().max(64), z.unknown()),
});
export type UserDetails = z.infer<typeof UserDetails>;

export const UserCreateInput = UserDetails.partial()
  .required({ email: true })
  .extend({
    status: UserStatus.default("approved"),
    source: UserSource.default("manual"),
    subscribed: z.boolean().default(false),
  });
export type UserCreateInput = z.input<typeof UserCreateInput>;

export const UserUpdateInput = z.object({
  id: Id,
  /** The version the editor loaded; a different current version is a conflict. */
  version: z.number().int().min(1),
  patch: UserDetails.partial(),
});
export type UserUpdateInput = z.input<typeof UserUpdateInput>;

export const UserSetStatusInput = z.object({ id: Id, status: UserStatus });
export const UserDeleteInput = z.object({ id: Id, mode: z.enum(["anonymise", "delete"]) });

export const UserRecord = UserListItem.extend({
  jobTitle: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postcode: z.string().nullable(),
  country: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  emailConfirmedAt: z.date().nullable(),
  subscriptionConfirmedAt: z.date().nullable(),
  inviteState: z.enum(["none", "pending", "accepted"]),
  hasPassword: z.boolean(),
  mustChangePassword: z.boolean(),
  anonymisedAt: z.date().nullable(),
  updatedAt: z.date(),
  version: z.number(),
});
export type UserRecord = z.infer<typeof UserRecord>;

/** Who a bulk action applies to: picked rows, or everything matching a filter. */
export const BulkTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ids"), ids: z.array(Id).min(1).max(10_000) }),
  z.object({ kind: z.literal("filter"), filter: UserListFilter }),
]);
export type BulkTarget = z.infer<typeof BulkTarget>;

/** Bulk actions (U3); later issues add their own kinds (tags, groups, email). */
export const BulkAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("setStatus"), status: UserStatus }),
  z.object({ type: z.literal("setLevel"), levelId: Id.nullable() }),
  z.object({ type: z.literal("delete"), mode: z.enum(["anonymise", "delete"]) }),
  z.object({ type: z.literal("addGroup"), groupId: Id }),
  z.object({ type: z.literal("removeGroup"), groupId: Id }),
  z.object({ type: z.literal("addTag"), tagId: Id }),
  z.object({ type: z.literal("removeTag"), tagId: Id }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkInput = z.object({ target: BulkTarget, action: BulkAction });
export type BulkInput = z.infer<typeof BulkInput>;

export const BulkPreview = z.object({
  /** Users the target selects. */
  matched: z.number(),
  /** Of those, how many the action would actually change. */
  willChange: z.number(),
  /** Users the action will skip and why (e.g. "has orders: will be anonymised instead"). */
  notes: z.array(z.string()),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkApplyInput = BulkInput.extend({
  /** The `willChange` the admin confirmed; if the data moved since, the apply is refused. */
  expectedCount: z.number().int().min(0),
});

/** How user fields are named in timeline summaries and conflict messages ("Changed first name, phone"). */
export const USER_FIELD_LABELS: Record<string, string> = {
  email: "email",
  firstName: "first name",
  lastName: "last name",
  phone: "phone",
  company: "company",
  jobTitle: "job title",
  addressLine1: "address line 1",
  addressLine2: "address line 2",
  city: "city",
  region: "region",
  postcode: "postcode",
  country: "country",
  status: "status",
  levelId: "level",
  role: "role",
  subscribed: "subscribed",
  prospectStage: "prospect stage",
  customFields: "custom fields",
};
