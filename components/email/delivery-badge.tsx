import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { queued: "grey", sending: "blue", sent: "green", failed: "red" };
const LABELS: Record<string, string> = { queued: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" };

/** An email's delivery state, for the outbox and for timeline entries that carry `data.delivery`. */
export function DeliveryBadge({ state, error }: { state: unknown; error?: unknown }) {
  if (typeof state !== "string" || !(state in LABELS)) return null;
  return (
    <Badge tone={TONES[state]} title={typeof error === "string" && error ? error : undefined}>
      <span className="sr-only">Delivery: </span>
      {LABELS[state]}
    </Badge>
  );
}
