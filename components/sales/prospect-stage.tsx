"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { SelectField } from "@/components/ui/field";
import { PROSPECT_STAGES } from "@/server/schemas/users";

const OPTIONS = PROSPECT_STAGES.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) }));

/** U11: admins move a prospect through the pipeline from the record; each move lands on the timeline. */
export function ProspectStageControl({ userId, stage }: { userId: number; stage: (typeof PROSPECT_STAGES)[number] | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const move = useMutation(
    trpc.sales.prospects.setStage.mutationOptions({
      onSuccess: () =>
        Promise.all([
          qc.invalidateQueries({ queryKey: trpc.users.get.queryKey({ id: userId }) }),
          qc.invalidateQueries({ queryKey: trpc.timeline.pathKey() }),
        ]),
    }),
  );
  return (
    <div className="max-w-xs">
      <SelectField
        label="Pipeline stage"
        value={stage ?? ""}
        placeholder={stage ? undefined : "Not set"}
        options={OPTIONS}
        disabled={move.isPending}
        onChange={(e) => move.mutate({ userId, stage: e.target.value as (typeof PROSPECT_STAGES)[number] })}
        error={move.error?.message ?? null}
        hint={move.isPending ? "Saving…" : move.isSuccess ? "Saved; the change is on the timeline." : undefined}
      />
    </div>
  );
}
