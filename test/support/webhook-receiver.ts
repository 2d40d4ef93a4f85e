import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from './fixtures';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (signatures are over it). */
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
  webhookId: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface HookAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer after this long. */
  delayMs?: number;
}

/** Decides the answer to the n-th request (0-based) on a path. */
export type HookHandler = (hook: ReceivedHook, n: number) => HookAnswer;

/**
 * A real webhook receiver: node:http on 127.0.0.1, recording every request. Each path answers
 * 200 unless told otherwise with `on(path, handler)`; `inFlight` and `maxInFlight` count the
 * requests being answered at once, per path.
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private readonly handlers = new Map<string, HookHandler>();
  private readonly counts = new Map<string, number>();
  readonly inFlight = new Map<string, number>();
  readonly maxInFlight = new Map<string, number>();
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        const body = Buffer.concat(chunks).toString('utf8');
        let json: ReceivedHook['json'];
        try {
          json = JSON.parse(body);
        } catch {
          json = { type: '', timestamp: '', data: {} };
        }
        const hook: ReceivedHook = {
          path,
          headers: req.headers,
          body,
          json,
          webhookId: String(req.headers['webhook-id'] ?? ''),
          at: Date.now(),
        };
        this.received.push(hook);
        const n = this.counts.get(path) ?? 0;
        this.counts.set(path, n + 1);
        const answer: HookAnswer = (this.handlers.get(path) ?? (() => ({ status: 200 })))(hook, n);
        const current = (this.inFlight.get(path) ?? 0) + 1;
        this.inFlight.set(path, current);
        this.maxInFlight.set(path, Math.max(this.maxInFlight.get(path) ?? 0, current));
        const reply = () => {
          this.inFlight.set(path, (this.inFlight.get(path) ?? 1) - 1);
          if (!res.destroyed) res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
        };
        if (answer.delayMs) setTimeout(reply, answer.delayMs);
        else reply();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string, handler: HookHandler): void {
    this.handlers.set(path, handler);
  }

  at(path: string): ReceivedHook[] {
    return this.received.filter((h) => h.path === path);
  }

  /** Waits (polling) until `count` requests reached `path`; answers them. */
  waitFor(path: string, count = 1, ms = 20_000): Promise<ReceivedHook[]> {
    return eventually(async () => {
      const hooks = this.at(path);
      return hooks.length >= count ? hooks : null;
    }, ms);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}
