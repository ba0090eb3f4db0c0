import { z } from "zod";
import { Email, Id } from "./common";
import { ProspectStage } from "./users";

export const ORDER_STATUSES = ["pending", "paid", "fulfilled", "cancelled", "refunded"] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;
/** Orders in these states are not revenue (reports, spend, targets). */
export const NON_REVENUE_STATUSES: readonly OrderStatus[] = ["cancelled", "refunded"];
export const QUOTE_STATUSES = ["draft", "sent", "accepted", "declined", "expired"] as const;
export const QuoteStatus = z.enum(QUOTE_STATUSES);
export type QuoteStatus = z.infer<typeof QuoteStatus>;

const Cents = z.number().int("Use whole minor units (pence/cents)").min(0).max(1e13);
const ExternalId = z.string().trim().min(1, "Required").max(100);
const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 code such as GBP");
const Instant = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time with a time zone, e.g. 2026-03-01T10:00:00Z" }).transform((s) => new Date(s));
const OptionalText = (max: number) => z.string().trim().max(max).optional();

export const IngestLine = z.object({
  sku: z.string().trim().min(1, "Required").max(64),
  name: z.string().trim().min(1, "Required").max(200),
  quantity: z.number().int("Use a whole number").min(1).max(1_000_000),
  unitPriceCents: Cents,
  /** Used only when the SKU is new to us: files the product under this category (created if missing). */
  category: OptionalText(100),
  /** Likewise for a new product's tags. */
  tags: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
});
export type IngestLine = z.infer<typeof IngestLine>;

export const IngestCustomer = z.object({
  email: Email,
  firstName: OptionalText(100),
  lastName: OptionalText(100),
  phone: OptionalText(50),
  company: OptionalText(200),
});
export type IngestCustomer = z.infer<typeof IngestCustomer>;

const Lines = z.array(IngestLine).min(1, "An order needs at least one line").max(500);

export const OrderIngest = z
  .object({
    externalId: ExternalId,
    customer: IngestCustomer,
    status: OrderStatus.default("paid"),
    currency: Currency.optional(),
    placedAt: Instant,
    lines: Lines,
    taxCents: Cents.default(0),
    shippingCents: Cents.default(0),
    /** Optional cross-check; when present it must equal the lines plus tax and shipping. */
    totalCents: Cents.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.totalCents === undefined) return;
    const expected = o.lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0) + o.taxCents + o.shippingCents;
    if (expected !== o.totalCents) {
      ctx.addIssue({ code: "custom", path: ["totalCents"], message: `Must equal the lines plus tax and shipping (${expected})` });
    }
  });
export type OrderIngest = z.output<typeof OrderIngest>;

export const QuoteIngest = z
  .object({
    externalId: ExternalId,
    customer: IngestCustomer,
    status: QuoteStatus.default("sent"),
    currency: Currency.optional(),
    quotedAt: Instant,
    expiresAt: Instant.nullish(),
    lines: Lines,
  })
  .superRefine((q, ctx) => {
    if (q.expiresAt && q.expiresAt < q.quotedAt) {
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Must be after quotedAt" });
    }
  });
export type QuoteIngest = z.output<typeof QuoteIngest>;

export const ProspectStageIngest = IngestCustomer.extend({ stage: ProspectStage });
export type ProspectStageIngest = z.infer<typeof ProspectStageIngest>;

export type IngestResult = { id: number; externalId?: string; result: "created" | "updated" | "unchanged" };

// ---- Orders and quotes on the user record ----

export const LineView = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number(),
  lineTotalCents: z.number(),
});

export const RecordListInput = z.object({
  userId: Id,
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type RecordListInput = z.input<typeof RecordListInput>;

export const OrderView = z.object({
  id: z.number(),
  externalId: z.string().nullable(),
  status: OrderStatus,
  currency: z.string(),
  subtotalCents: z.number(),
  taxCents: z.number(),
  shippingCents: z.number(),
  totalCents: z.number(),
  placedAt: z.date(),
  lines: z.array(LineView),
});
export const OrderListOutput = z.object({ items: z.array(OrderView), nextCursor: z.string().nullable() });
export type OrderView = z.infer<typeof OrderView>;

export const QuoteView = z.object({
  id: z.number(),
  externalId: z.string().nullable(),
  status: QuoteStatus,
  currency: z.string(),
  totalCents: z.number(),
  quotedAt: z.date(),
  expiresAt: z.date().nullable(),
  lines: z.array(LineView),
});
export const QuoteListOutput = z.object({ items: z.array(QuoteView), nextCursor: z.string().nullable() });
export type QuoteView = z.infer<typeof QuoteView>;

export const SetProspectStageInput = z.object({ userId: Id, stage: ProspectStage });

// ---- Reports (R1) ----

export const Granularity = z.enum(["day", "week", "month"]);
export type Granularity = z.infer<typeof Granularity>;

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD").refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
}, "Enter a real date between 2000 and 2100");

export const TimeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone");

const MAX_BUCKETS = 800;

export const SalesReportInput = z
  .object({
    /** Absent (with no group or smart type): the whole store. */
    userId: Id.optional(),
    /** Orders of the members of one group (R1 "by group"). */
    groupId: Id.optional(),
    /** Orders of the users whose smart type this is; each user has one, so nothing counts twice. */
    smartTypeId: Id.optional(),
    /** Inclusive calendar dates in `timeZone`. */
    from: DateOnly,
    to: DateOnly,
    granularity: Granularity.default("month"),
    timeZone: TimeZone.default("UTC"),
    top: z.number().int().min(1).max(50).default(10),
  })
  .superRefine((r, ctx) => {
    if (r.from > r.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Must be on or after the start date" });
    if ([r.userId, r.groupId, r.smartTypeId].filter((v) => v !== undefined).length > 1) {
      ctx.addIssue({ code: "custom", path: ["groupId"], message: "Choose one of a user, a group or a smart type" });
    }
    const days = (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1;
    const buckets = r.granularity === "day" ? days : r.granularity === "week" ? days / 7 : days / 28;
    if (buckets > MAX_BUCKETS) {
      ctx.addIssue({ code: "custom", path: ["granularity"], message: "Too many periods for this range; choose a coarser grouping" });
    }
  });
export type SalesReportInput = z.output<typeof SalesReportInput>;

const Ranked = z.object({ id: z.number().nullable(), name: z.string(), revenueCents: z.number(), quantity: z.number() });
export type Ranked = z.infer<typeof Ranked>;

export const SalesReport = z.object({
  currency: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  granularity: Granularity,
  totals: z.object({ revenueCents: z.number(), orderCount: z.number(), averageOrderCents: z.number() }),
  /** One row per period, empty periods included; `period` is the period's first day (YYYY-MM-DD). */
  series: z.array(z.object({ period: z.string(), revenueCents: z.number(), orderCount: z.number() })),
  topCategories: z.array(Ranked),
  topProducts: z.array(Ranked.extend({ sku: z.string() })),
  topTags: z.array(Ranked),
});
export type SalesReport = z.infer<typeof SalesReport>;

// ---- Sales summary (R2) ----

export const SalesSummary = z.object({
  currency: z.string(),
  orderCount: z.number(),
  totalSpendCents: z.number(),
  averageOrderCents: z.number(),
  firstOrderAt: z.date().nullable(),
  lastOrderAt: z.date().nullable(),
  /** The last 24 calendar months (UTC), oldest first, empty months included. */
  trend: z.array(z.object({ month: z.string(), revenueCents: z.number(), orderCount: z.number() })),
  topProducts: z.array(Ranked.extend({ sku: z.string() })),
  topCategories: z.array(Ranked),
  topTags: z.array(Ranked),
});
export type SalesSummary = z.infer<typeof SalesSummary>;

// ---- Sales targets (R3) ----

// Bounded: the report builds year windows (asOf + 1 year) that must stay valid dates for JS and PostgreSQL.
const AsOf = z.coerce
  .date({ message: "Enter a valid date" })
  .min(new Date("1900-01-01T00:00:00Z"), { message: "Enter a date from 1900 on" })
  .max(new Date("2199-12-31T23:59:59Z"), { message: "Enter a date before 2200" })
  .optional();

export const TargetSetInput = z.object({
  userId: Id,
  annualTargetCents: z.number().int("Use whole minor units (pence/cents)").min(1, "Must be more than zero").max(1e13),
});
export const TargetGetInput = z.object({ userId: Id, asOf: AsOf });

export const TargetProgress = z.object({
  userId: z.number(),
  currency: z.string(),
  year: z.number(),
  annualTargetCents: z.number(),
  ytdCents: z.number(),
  /** Where they should be by `asOf` if sales ran evenly through the year. */
  paceCents: z.number(),
  /** ytd extrapolated to the whole year at the current rate. */
  projectionCents: z.number(),
  percentOfTarget: z.number(),
  percentOfPace: z.number(),
  monthly: z.array(
    z.object({ month: z.string(), actualCents: z.number(), targetCents: z.number(), cumulativeActualCents: z.number(), cumulativeTargetCents: z.number() }),
  ),
});
export type TargetProgress = z.infer<typeof TargetProgress>;
export const TargetView = z.object({ enabled: z.literal(false) }).or(TargetProgress.extend({ enabled: z.literal(true) }));

export const TARGET_STANDINGS = ["behind", "onPace", "ahead"] as const;
export const TargetStanding = z.enum(TARGET_STANDINGS);
export const TARGET_SORTS = ["percent", "name", "ytd", "target"] as const;

export const TargetsReportInput = z.object({
  asOf: AsOf,
  q: z.string().trim().max(200).optional(),
  levelId: z.array(Id).max(50).optional(),
  standing: z.array(TargetStanding).max(3).optional(),
  sort: z.enum(TARGET_SORTS).default("percent"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(300).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TargetsReportInput = z.input<typeof TargetsReportInput>;

export const TargetsReportRow = z.object({
  userId: z.number(),
  name: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  levelName: z.string().nullable(),
  annualTargetCents: z.number(),
  ytdCents: z.number(),
  paceCents: z.number(),
  projectionCents: z.number(),
  percentOfTarget: z.number(),
  standing: TargetStanding,
});
export type TargetsReportRow = z.infer<typeof TargetsReportRow>;
export const TargetsReport = z.object({
  currency: z.string(),
  year: z.number(),
  asOf: z.date(),
  items: z.array(TargetsReportRow),
  nextCursor: z.string().nullable(),
  total: z.number(),
});
export type TargetsReport = z.infer<typeof TargetsReport>;

// ---- API keys (P4) ----

export const ApiKeyCreateInput = z.object({ name: z.string().trim().min(1, "Give the key a name").max(100) });
export const ApiKeyView = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdByEmail: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;
export const ApiKeyCreated = z.object({ key: ApiKeyView, secret: z.string() });
