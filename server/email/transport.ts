import nodemailer from "nodemailer";
import { devMailboxEnabled, type Env } from "@/server/env";
import type { DeliveryTransport } from "./worker";

/**
 * SMTP when SMTP_URL is set; else the development mailbox when it is enabled; else nothing, and
 * messages wait in the outbox (visibly) until SMTP is configured.
 */
export function transportFromEnv(env: Env): DeliveryTransport | null {
  if (env.SMTP_URL) {
    return nodemailer.createTransport(env.SMTP_URL, {
      // Well inside the worker's lease, so a hung server never makes two workers send one message.
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    });
  }
  return devMailboxEnabled(env) ? "mailbox" : null;
}
