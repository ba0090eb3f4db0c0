import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  outboxId: string | null;
}

/**
 * A real SMTP server in this process on a local port. `stop()` and `start()` simulate an outage:
 * the port stays the same, so the app's transport is unchanged while nothing answers.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  /** Recipients the server refuses permanently (550), like an unknown mailbox. */
  readonly rejects = new Set<string>();
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        if (this.rejects.has(address.address.toLowerCase())) {
          const err = Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 });
          return cb(err);
        }
        cb();
      },
      onData: (stream, _session, cb) => {
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
            const id = mail.headers.get("x-outbox-id");
            this.received.push({ to, subject: mail.subject ?? "", text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : "", outboxId: id ? String(id) : null });
            cb();
          })
          .catch(cb);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A transport like the app's, pointed at this server; no pooling, so an outage is seen at once. */
  transport() {
    return nodemailer.createTransport({
      host: "127.0.0.1",
      port: this.port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 2_000,
      greetingTimeout: 2_000,
      socketTimeout: 5_000,
    });
  }
}

export function linkIn(mail: ReceivedMail, path: string): string {
  const m = mail.text.match(new RegExp(`https?://[^\\s]+/${path}/([A-Za-z0-9_-]{43})`));
  if (!m?.[1]) throw new Error(`no /${path}/ link in: ${mail.text}`);
  return m[1];
}
