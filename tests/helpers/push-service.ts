import { createECDH, randomBytes, type ECDH } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { Agent } from "node:https";
import { connect, type AddressInfo } from "node:net";
// http_ece ships no types; it is the reference implementation of RFC 8188 that web-push itself uses.
// @ts-expect-error -- untyped CommonJS module
import ece from "http_ece";

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A stand-in for a browser vendor's push service on 127.0.0.1: records what it receives and
 * answers each path with a chosen status (201 by default; 410 for a subscription that is gone).
 */
export class LocalPushService {
  readonly received: ReceivedPush[] = [];
  readonly status = new Map<string, number>();
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = this.status.get(path) ?? 201;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Real push services are https; the endpoint says so and `agent` carries the request in plain TCP. */
  endpoint(id: string): string {
    return `https://127.0.0.1:${this.port}/push/${id}`;
  }

  /** An HTTPS agent whose connections are plain TCP to this server (TLS is not what is under test). */
  readonly agent = new (class extends Agent {
    override createConnection(options: { host?: string | null; port?: number | null }) {
      return connect(Number(options.port), options.host ?? "127.0.0.1");
    }
  })({ keepAlive: false });
}

/** What a browser keeps for one push subscription: its P-256 key pair and auth secret. */
export interface BrowserKeys {
  ecdh: ECDH;
  p256dh: string;
  auth: string;
}

export function browserKeys(): BrowserKeys {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { ecdh, p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
}

/** Decrypts an aes128gcm push body the way the browser does (RFC 8291). */
export function decryptPush(body: Buffer, keys: BrowserKeys): unknown {
  const plain: Buffer = ece.decrypt(body, { version: "aes128gcm", privateKey: keys.ecdh, authSecret: keys.auth });
  return JSON.parse(plain.toString("utf8"));
}
