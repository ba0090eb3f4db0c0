import { renderLayout, type RenderedEmail } from "./templates";

/** I1: the invitation, with the inviter's optional personal message quoted as they wrote it. */
export function inviteEmail(opts: {
  firstName: string;
  inviterName: string;
  message: string | null;
  url: string;
  expiresInDays: number;
  senderName: string;
}): RenderedEmail {
  const paragraphs = [
    opts.firstName ? `Hello ${opts.firstName},` : "Hello,",
    `${opts.inviterName} has invited you to open an account with ${opts.senderName}.`,
  ];
  if (opts.message) paragraphs.push(`${opts.inviterName} wrote:\n${opts.message}`);
  paragraphs.push("Choose your own password to accept; you will be signed in straight away.");
  return renderLayout({
    subject: `${opts.inviterName} invited you to ${opts.senderName}`,
    paragraphs,
    action: { label: "Accept the invitation", url: opts.url },
    footer: `The link works once and expires in ${opts.expiresInDays} day${opts.expiresInDays === 1 ? "" : "s"}. If you were not expecting it, ignore this email.`,
    senderName: opts.senderName,
  });
}
