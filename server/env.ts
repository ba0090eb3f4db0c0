import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  AUTH_SECRET: z.string().min(16).optional(),
  /** Set when the app sits behind a reverse proxy whose X-Forwarded-For may be trusted. */
  TRUSTED_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** smtp(s)://user:pass@host:port; without it nothing leaves the machine (see DEV_MAILBOX). */
  SMTP_URL: z.string().url().optional(),
  /**
   * The local mailbox page (/dev/mailbox) that receives every email when SMTP_URL is unset.
   * On by default outside production; a production build (the demo, e2e) may switch it on explicitly.
   */
  DEV_MAILBOX: z.enum(["true", "false", "1", "0"]).optional().transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  EMAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(3000),
  /** The public address links in emails point at; defaults to this server on localhost. */
  APP_URL: z.string().url().optional(),
  /** Web push (D3): the VAPID key pair (base64url, from `web-push generate-vapid-keys`) and a contact. */
  VAPID_PUBLIC_KEY: z.string().min(80).max(100).optional(),
  VAPID_PRIVATE_KEY: z.string().min(40).max(50).optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, "must be a mailto: address or an https:// URL")
    .optional(),
  /** Set by `next dev` / `next start` once listening. */
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The one place that reads process.env; parsed on first use, not on import. */
export function getEnv(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Whether /dev/mailbox exists and receives the email SMTP would have sent. */
export function devMailboxEnabled(env: Env = getEnv()): boolean {
  if (env.SMTP_URL) return false;
  return env.DEV_MAILBOX ?? env.NODE_ENV !== "production";
}

/** Absolute base for links in emails, without a trailing slash. */
export function appUrl(env: Env = getEnv()): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** The VAPID keys that sign web pushes, or null when web notifications are not configured. */
export function vapidConfig(env: Env = getEnv()): VapidConfig | null {
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return null;
  return {
    publicKey: env.VAPID_PUBLIC_KEY,
    privateKey: env.VAPID_PRIVATE_KEY,
    subject: env.VAPID_SUBJECT ?? "mailto:webmaster@example.com",
  };
}

/** Tests change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
