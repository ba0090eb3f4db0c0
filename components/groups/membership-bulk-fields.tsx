"use client";

import { SelectField } from "@/components/ui/field";
import type { BulkAction } from "@/server/schemas/users";
import { useMembershipNames } from "./use-membership-names";

export interface MembershipChoice {
  op: "add" | "remove";
  id: string;
}

/** The bulk action for a group or tag choice; null until one is picked. */
export function membershipAction(kind: "group" | "tag", c: MembershipChoice): BulkAction | null {
  const id = Number(c.id);
  if (!c.id || !Number.isSafeInteger(id)) return null;
  if (kind === "group") return c.op === "add" ? { type: "addGroup", groupId: id } : { type: "removeGroup", groupId: id };
  return c.op === "add" ? { type: "addTag", tagId: id } : { type: "removeTag", tagId: id };
}

/** Add/remove and which group or tag, inside the users list's bulk dialog (U3). */
export function MembershipBulkFields({ kind, value, onChange }: { kind: "group" | "tag"; value: MembershipChoice; onChange: (v: MembershipChoice) => void }) {
  const names = useMembershipNames();
  const list = kind === "group" ? names.groups : names.tags;
  const noun = kind === "group" ? "group" : "tag";
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField
        label="Change"
        value={value.op}
        onChange={(e) => onChange({ ...value, op: e.target.value as "add" | "remove" })}
        options={[
          { value: "add", label: kind === "group" ? "Add to group" : "Add tag" },
          { value: "remove", label: kind === "group" ? "Remove from group" : "Remove tag" },
        ]}
      />
      <SelectField
        label={kind === "group" ? "Group" : "Tag"}
        value={value.id}
        placeholder={`Choose a ${noun}`}
        onChange={(e) => onChange({ ...value, id: e.target.value })}
        options={list.map((x) => ({ value: String(x.id), label: x.name }))}
      />
    </div>
  );
}
