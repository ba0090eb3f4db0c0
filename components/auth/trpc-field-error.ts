/** The message for one field from a tRPC error (zod or a service ValidationError), without the "field: " prefix. */
export function fieldError(error: unknown, field: string): string | null {
  const data = (error as { data?: { fieldErrors?: Record<string, string> | null } } | null)?.data;
  const message = data?.fieldErrors?.[field];
  if (!message) return null;
  return message.startsWith(`${field}: `) ? capitalise(message.slice(field.length + 2)) : capitalise(message);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
