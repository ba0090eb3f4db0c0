/** Field messages from the tRPC error formatter (`data.fieldErrors`), without the "field: " prefix. */
export function fieldErrors(error: unknown): Record<string, string> {
  const data = (error as { data?: { fieldErrors?: Record<string, string> | null } } | null)?.data;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(data?.fieldErrors ?? {})) {
    const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    out[field] = text.charAt(0).toUpperCase() + text.slice(1);
  }
  return out;
}

export function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Something went wrong. Try again.";
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
