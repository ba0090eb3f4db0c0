"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, fieldErrors } from "@/components/groups/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { formatMoney, minorDigits } from "@/components/users/format";
import { BEST_PRICE_RULE, type PriceBreak } from "@/server/schemas/pricing";
import { useDebounced } from "../../users/use-debounced";

function describe(b: PriceBreak, currency: string): string {
  return b.kind === "fixed" ? `${formatMoney(b.unitPriceCents ?? 0, currency)} each` : `${((b.percentOffBps ?? 0) / 100).toLocaleString("en-GB")} % off`;
}

/** G3: this group's quantity breaks, per product or per category. */
export function PricingPanel({ groupId, canEdit }: { groupId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const currency = settings.data?.currency ?? "GBP";
  const breaks = useQuery(trpc.groups.priceBreaks.list.queryOptions({ groupId }));
  const [deleting, setDeleting] = useState<PriceBreak | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.groups.priceBreaks.list.queryKey({ groupId }) });
  const remove = useMutation(trpc.groups.priceBreaks.delete.mutationOptions({ onSuccess: async () => { setDeleting(null); await refresh(); } }));

  return (
    <div className="space-y-4">
      <Alert tone="info">{BEST_PRICE_RULE}</Alert>
      {breaks.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : breaks.isError ? (
        <ErrorState message={breaks.error.message} onRetry={() => void breaks.refetch()} />
      ) : breaks.data.length === 0 ? (
        <EmptyState title="No price breaks" description="Members pay list prices unless another of their groups gives a break." />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Price breaks">
          {breaks.data.map((b) => (
            <li key={b.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm">
              <span className="min-w-0 flex-1 basis-56">
                <span className="font-medium text-slate-900">{b.productId ? `${b.productName} (${b.productSku})` : `Category: ${b.categoryName}`}</span>
                {b.listPriceCents !== null ? <span className="text-slate-600"> · list {formatMoney(b.listPriceCents, currency)}</span> : null}
              </span>
              <span className="tabular-nums">From {b.minQuantity.toLocaleString("en-GB")}</span>
              <span className="font-semibold tabular-nums">{describe(b, currency)}</span>
              {canEdit ? (
                <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(b)}>
                  Delete<span className="sr-only"> break from {b.minQuantity}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? <AddBreak groupId={groupId} currency={currency} onAdded={refresh} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        title="Delete this price break?"
        confirmLabel="Delete break"
        tone="danger"
        pending={remove.isPending}
        error={remove.isError ? errorText(remove.error) : null}
      >
        <p>Members buying {deleting?.productName ?? deleting?.categoryName} will no longer get {deleting ? describe(deleting, currency) : ""} from {deleting?.minQuantity}.</p>
      </ConfirmDialog>
    </div>
  );
}

function AddBreak({ groupId, currency, onAdded }: { groupId: number; currency: string; onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [scope, setScope] = useState<"product" | "category">("category");
  const [productQ, setProductQ] = useState("");
  const [productId, setProductId] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [minQuantity, setMinQuantity] = useState("10");
  const [kind, setKind] = useState<"fixed" | "percent">("percent");
  const [value, setValue] = useState("");
  const q = useDebounced(productQ.trim(), 300);
  const targets = useQuery(trpc.groups.priceBreaks.targets.queryOptions({ q: scope === "product" ? q : undefined }));
  const create = useMutation(
    trpc.groups.priceBreaks.create.mutationOptions({
      onSuccess: async () => {
        setValue("");
        await onAdded();
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const digits = minorDigits(currency);
  const submit = () => {
    const n = Number(value);
    create.mutate({
      groupId,
      productId: scope === "product" && productId ? Number(productId) : null,
      categoryId: scope === "category" && categoryId ? Number(categoryId) : null,
      minQuantity: Number(minQuantity),
      kind,
      unitPriceCents: kind === "fixed" && value !== "" ? Math.round(n * 10 ** digits) : null,
      percentOffBps: kind === "percent" && value !== "" ? Math.round(n * 100) : null,
    });
  };
  return (
    <form
      className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4"
      aria-labelledby="add-break"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 id="add-break" className="text-sm font-semibold text-slate-900">
        Add a price break
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Applies to"
          value={scope}
          onChange={(e) => setScope(e.target.value as "product" | "category")}
          options={[
            { value: "category", label: "Every product in a category" },
            { value: "product", label: "One product" },
          ]}
        />
        {scope === "category" ? (
          <SelectField
            label="Category"
            value={categoryId}
            placeholder="Choose a category"
            onChange={(e) => setCategoryId(e.target.value)}
            options={(targets.data?.categories ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
            error={errors.categoryId ?? errors.productId}
          />
        ) : (
          <div className="space-y-2">
            <TextField label="Find product by SKU or name" type="search" value={productQ} onChange={(e) => setProductQ(e.target.value)} />
            <SelectField
              label="Product"
              value={productId}
              placeholder={q ? "Choose a product" : "Type above to search"}
              onChange={(e) => setProductId(e.target.value)}
              options={(targets.data?.products ?? []).map((p) => ({ value: String(p.id), label: `${p.name} (${p.sku}) · ${formatMoney(p.priceCents, currency)}` }))}
              error={errors.productId}
            />
          </div>
        )}
        <TextField label="From quantity" type="number" inputMode="numeric" min={1} value={minQuantity} onChange={(e) => setMinQuantity(e.target.value)} error={errors.minQuantity} />
        <SelectField
          label="Price"
          value={kind}
          onChange={(e) => setKind(e.target.value as "fixed" | "percent")}
          options={[
            { value: "percent", label: "Percentage off list price" },
            { value: "fixed", label: "Fixed unit price" },
          ]}
        />
        <TextField
          label={kind === "percent" ? "Percent off (%)" : `Unit price (${currency})`}
          type="number"
          inputMode="decimal"
          step="any"
          min={0}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={kind === "percent" ? errors.percentOffBps : errors.unitPriceCents}
        />
      </div>
      {create.isError && Object.keys(errors).length === 0 ? <Alert>{errorText(create.error)}</Alert> : null}
      <Button type="submit" variant="primary" loading={create.isPending}>
        Add break
      </Button>
    </form>
  );
}
