/**
 * The field messages the tRPC error formatter attaches (`data.fieldErrors`), keyed by field
 * path, without the "field: " prefix service errors carry in their message.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const data = (error as { data?: { fieldErrors?: Record<string, string> | null } } | null)?.data;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(data?.fieldErrors ?? {})) {
    const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    out[field] = text.charAt(0).toUpperCase() + text.slice(1);
  }
  return out;
}

export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Something went wrong. Try again.";
}
