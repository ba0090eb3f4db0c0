/**
 * Plain, readable email templates: one column of paragraphs and an optional button, with a text
 * part carrying the same words and the link spelled out. Everything interpolated is escaped.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailLayout {
  subject: string;
  /** Plain-text paragraphs; blank lines inside one are kept as line breaks. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the button (why they got this, how long the link lasts). */
  footer?: string;
  senderName: string;
}

function paragraphHtml(p: string): string {
  return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`;
}

export function renderLayout(layout: EmailLayout): RenderedEmail {
  const action = layout.action;
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#475569">If the button does not work, copy this address into your browser:<br><a href="${escapeHtml(action.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(action.url)}</a></p>`
    : "";
  const footer = layout.footer
    ? `<p style="margin:24px 0 0;font-size:13px;color:#475569">${escapeHtml(layout.footer)}</p>`
    : "";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(layout.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px">
${layout.paragraphs.map(paragraphHtml).join("\n")}
${button}
${footer}
<p style="margin:24px 0 0;font-size:13px;color:#475569">${escapeHtml(layout.senderName)}</p>
</div>
</body></html>`;
  const textParts = [...layout.paragraphs];
  if (action) textParts.push(`${action.label}: ${action.url}`);
  if (layout.footer) textParts.push(layout.footer);
  textParts.push(layout.senderName);
  return { subject: layout.subject, html, text: textParts.join("\n\n") + "\n" };
}

export const MERGE_FIELDS = ["firstName", "lastName", "fullName", "company", "email"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

const MERGE_TAG = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Merge fields used in `template` that are not offered, so the sender can fix a typo before sending. */
export function unknownMergeFields(template: string, allowed: readonly string[] = MERGE_FIELDS): string[] {
  const unknown = new Set<string>();
  for (const m of template.matchAll(MERGE_TAG)) if (m[1] && !allowed.includes(m[1])) unknown.add(m[1]);
  return [...unknown];
}

/**
 * Replaces {{field}} with the recipient's value as plain text; escaping happens when the result is
 * placed in HTML, so a name like "<b>" arrives as written and never as markup.
 */
export function mergeText(template: string, values: Record<string, string>): string {
  return template.replace(MERGE_TAG, (whole, name: string) => (name in values ? (values[name] ?? "") : whole));
}

export function mergeValuesFor(user: {
  firstName: string;
  lastName: string;
  company: string | null;
  email: string;
}): MergeValues {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: `${user.firstName} ${user.lastName}`.trim(),
    company: user.company ?? "",
    email: user.email,
  };
}
