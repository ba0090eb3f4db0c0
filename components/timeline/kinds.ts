import type { TimelineKind } from "@/server/schemas/timeline";

/** Filter chips: kinds grouped the way staff think about a customer's history. */
export const KIND_GROUPS: { id: string; label: string; kinds: TimelineKind[] }[] = [
  { id: "comments", label: "Comments", kinds: ["comment"] },
  { id: "changes", label: "Changes", kinds: ["created", "updated", "status", "level", "group", "tag", "password", "deleted", "anonymised"] },
  { id: "email", label: "Invites & email", kinds: ["invite", "email"] },
  { id: "orders", label: "Orders & quotes", kinds: ["order", "quote"] },
  { id: "prospect", label: "Prospect stage", kinds: ["prospect"] },
  { id: "consent", label: "Consent", kinds: ["consent"] },
  { id: "logins", label: "Logins", kinds: ["login"] },
];

const KIND_LABELS: Partial<Record<string, string>> = {
  created: "Created",
  updated: "Updated",
  status: "Status",
  level: "Level",
  comment: "Comment",
  login: "Login",
  deleted: "Deleted",
  anonymised: "Anonymised",
  invite: "Invite",
  email: "Email",
  order: "Order",
  quote: "Quote",
  prospect: "Prospect",
  consent: "Consent",
  group: "Group",
  tag: "Tag",
  password: "Password",
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

export function kindTone(kind: string): "green" | "grey" | "amber" | "red" | "blue" | "violet" {
  if (kind === "comment") return "violet";
  if (kind === "deleted" || kind === "anonymised") return "red";
  if (kind === "order" || kind === "quote") return "green";
  if (kind === "email" || kind === "invite") return "amber";
  if (kind === "login") return "grey";
  return "blue";
}
