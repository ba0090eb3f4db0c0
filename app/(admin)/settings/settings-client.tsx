"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { Skeleton } from "@/components/ui/spinner";
import { ErrorState } from "@/components/ui/states";
import { CustomFieldsSection } from "./custom-fields-section";
import { GeneralSection } from "./general-section";
import { LevelsSection } from "./levels-section";

export function SettingsClient() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-slate-600">Store-wide options, customer levels and custom fields. Every change is recorded in the audit log.</p>
      </header>
      {settings.isPending ? (
        <div className="space-y-4" aria-busy="true" aria-label="Loading settings">
          <Skeleton className="h-64 w-full rounded-xl" />
          <Skeleton className="h-40 w-full rounded-xl" />
        </div>
      ) : settings.isError ? (
        <ErrorState
          title="Settings could not be loaded"
          message={settings.error.message}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <>
          <GeneralSection settings={settings.data} />
          <LevelsSection levels={settings.data.levels} />
          <CustomFieldsSection fields={settings.data.customFields} />
        </>
      )}
    </div>
  );
}
