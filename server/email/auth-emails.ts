import { renderLayout, type RenderedEmail } from "./templates";

interface Recipient {
  firstName: string;
  email: string;
}

const greeting = (u: Recipient) => (u.firstName ? `Hello ${u.firstName},` : "Hello,");

export function passwordResetEmail(
  u: Recipient,
  url: string,
  opts: { senderName: string; reason: "requested" | "admin" | "expired" },
): RenderedEmail {
  const why = {
    requested: "Someone (we hope you) asked to reset the password of your account.",
    admin: "An administrator sent you this link so you can set a new password for your account.",
    expired: "Your password has expired because the account was not used for a long time. Choose a new one to sign in again.",
  }[opts.reason];
  return renderLayout({
    subject: opts.reason === "expired" ? "Your password has expired: set a new one" : "Reset your password",
    paragraphs: [greeting(u), why, `The account is ${u.email}.`],
    action: { label: "Set a new password", url },
    footer:
      "The link works once and expires in 1 hour. If you did not ask for it, ignore this email: your password stays as it is.",
    senderName: opts.senderName,
  });
}

export function confirmationEmail(
  u: Recipient,
  url: string,
  opts: { senderName: string; purpose: "email_confirm" | "subscription_confirm" },
): RenderedEmail {
  const newsletter = opts.purpose === "subscription_confirm";
  return renderLayout({
    subject: newsletter ? "Confirm your newsletter subscription" : "Confirm your email address",
    paragraphs: [
      greeting(u),
      newsletter
        ? `Please confirm that ${u.email} should receive our newsletter. Until you do, we will not send it.`
        : `Please confirm that ${u.email} is your email address.`,
    ],
    action: { label: newsletter ? "Confirm my subscription" : "Confirm my address", url },
    footer: "If this was not you, ignore this email and nothing will change. The link expires in 7 days.",
    senderName: opts.senderName,
  });
}
