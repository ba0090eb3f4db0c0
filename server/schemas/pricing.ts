import { z } from "zod";
import { Id } from "./common";

/** The rule stated wherever breaks are shown: several groups' breaks never stack; the lowest unit price wins. */
export const BEST_PRICE_RULE =
  "When several of a customer's groups give a break on the same line, the customer pays the lowest unit price among them (breaks never stack, and never raise the list price).";

export const PriceBreakInput = z
  .object({
    groupId: Id,
    productId: Id.nullable().default(null),
    categoryId: Id.nullable().default(null),
    minQuantity: z.coerce.number().int("Use a whole number").min(1, "Must be at least 1").max(1_000_000),
    kind: z.enum(["fixed", "percent"]),
    /** Minor units; for "fixed". */
    unitPriceCents: z.coerce.number().int("Use whole minor units").min(0).max(1e12).nullable().default(null),
    /** Hundredths of a percent (1250 = 12.5 %); for "percent". */
    percentOffBps: z.coerce.number().int().min(1, "Must be more than 0 %").max(10_000, "Cannot exceed 100 %").nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if ((v.productId === null) === (v.categoryId === null)) {
      ctx.addIssue({ code: "custom", path: ["productId"], message: "Choose either a product or a category" });
    }
    if (v.kind === "fixed" && v.unitPriceCents === null) {
      ctx.addIssue({ code: "custom", path: ["unitPriceCents"], message: "Enter the unit price" });
    }
    if (v.kind === "percent" && v.percentOffBps === null) {
      ctx.addIssue({ code: "custom", path: ["percentOffBps"], message: "Enter the percentage off" });
    }
  });
export type PriceBreakInput = z.input<typeof PriceBreakInput>;

export const PriceBreak = z.object({
  id: z.number(),
  groupId: z.number(),
  productId: z.number().nullable(),
  productName: z.string().nullable(),
  productSku: z.string().nullable(),
  listPriceCents: z.number().nullable(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  minQuantity: z.number(),
  kind: z.enum(["fixed", "percent"]),
  unitPriceCents: z.number().nullable(),
  percentOffBps: z.number().nullable(),
});
export type PriceBreak = z.infer<typeof PriceBreak>;

export const PricingLineInput = z
  .object({
    productId: Id.optional(),
    sku: z.string().trim().min(1).max(100).optional(),
    quantity: z.coerce.number().int("Use a whole number").min(1, "Must be at least 1").max(1_000_000),
  })
  .refine((l) => l.productId !== undefined || l.sku !== undefined, { message: "Give a productId or a sku", path: ["productId"] });

export const PricingInput = z.object({
  userId: Id,
  lines: z.array(PricingLineInput).min(1, "Add at least one line").max(500, "At most 500 lines"),
});
export type PricingInput = z.input<typeof PricingInput>;

export const PricedLine = z.object({
  productId: z.number(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number(),
  listUnitPriceCents: z.number(),
  unitPriceCents: z.number(),
  lineTotalCents: z.number(),
  appliedBreak: z
    .object({
      id: z.number(),
      groupId: z.number(),
      groupName: z.string(),
      scope: z.enum(["product", "category"]),
      minQuantity: z.number(),
      kind: z.enum(["fixed", "percent"]),
      unitPriceCents: z.number().nullable(),
      percentOffBps: z.number().nullable(),
    })
    .nullable(),
});
export type PricedLine = z.infer<typeof PricedLine>;

export const PricingResult = z.object({
  userId: z.number(),
  currency: z.string(),
  lines: z.array(PricedLine),
  taxExempt: z.boolean(),
  taxExemptGroups: z.array(z.object({ id: z.number(), name: z.string() })),
  listTotalCents: z.number(),
  discountCents: z.number(),
  totalCents: z.number(),
  rule: z.string(),
});
export type PricingResult = z.infer<typeof PricingResult>;
