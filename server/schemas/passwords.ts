import { z } from "zod";
import { Email, Id } from "./common";
import { PASSWORD_MAX_LENGTH } from "./password-strength";

/** A 32-byte token in base64url (43 characters); anything else cannot be one of ours. */
export const EmailToken = z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, "This link is incomplete or mistyped");

// Strength (length, zxcvbn score) is checked by the service, which knows the user's name and email.
const NewPassword = z.string().min(1, "Enter a new password").max(PASSWORD_MAX_LENGTH);

export const ForgotPasswordInput = z.object({ email: Email });
export const ResetPasswordInput = z.object({ token: EmailToken, password: NewPassword });
export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(1024),
  newPassword: NewPassword,
});
export const SendResetLinkInput = z.object({ userId: Id });
export const SetTemporaryPasswordInput = z.object({ userId: Id, password: NewPassword });
export const TokenInput = z.object({ token: EmailToken });

export const TokenState = z.object({
  state: z.enum(["valid", "used", "expired", "unknown"]),
  /** The address the link was sent to, so the person knows which account they are changing. */
  email: z.string().nullable(),
});
export type TokenState = z.infer<typeof TokenState>;

export const ConfirmResult = z.object({
  purpose: z.enum(["email_confirm", "subscription_confirm"]),
  email: z.string(),
});

export const ForgotPasswordResult = z.object({ message: z.string() });
export const PasswordChangeResult = z.object({ endedSessions: z.number().int().nonnegative() });
