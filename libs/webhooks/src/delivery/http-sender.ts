import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from '../ssrf/url-guard';
import { parseRetryAfter } from './retry-policy';

/** The product name receivers see in `user-agent`. */
export const USER_AGENT = 'Stratum-Webhooks/1.0';

const EXCERPT_CHARS = 1024;
const MAX_READ_BYTES = 64 * 1024;

export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  /** Why there is no usable answer (timeout, connection error, redirect); null on any response but 3xx. */
  error: string | null;
  /** The start of the response body, for the attempt log. */
  responseExcerpt: string | null;
  /** Retry-After of the response, in milliseconds. */
  retryAfterMs: number | null;
}

/**
 * POSTs webhook bodies. The connection goes to the address the URL guard checked, passed as
 * the socket's lookup, so the name is not resolved a second time; redirects are not followed
 * (a 3xx is a failed attempt); every attempt ends within `timeoutMs`. Keep-alive sockets are
 * pooled per host and port; each was opened to a checked address.
 */
export class WebhookSender {
  private readonly http = new HttpAgent({ keepAlive: true, timeout: 4_000, maxSockets: 256 });
  private readonly https = new HttpsAgent({ keepAlive: true, timeout: 4_000, maxSockets: 256 });

  async post(target: ResolvedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else (callback as (err: null, address: string, family: number) => void)(null, target.address, target.family);
    };
    const secure = target.url.protocol === 'https:';
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: Omit<SendResult, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, latencyMs: latency() });
      };
      const req = (secure ? httpsRequest : httpRequest)(
        target.url,
        {
          method: 'POST',
          agent: secure ? this.https : this.http,
          lookup,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            if (read < MAX_READ_BYTES) chunks.push(chunk);
            read += chunk.length;
          });
          res.on('error', (err) => finish(failure(`response: ${err.message}`)));
          res.on('close', () => finish(failure('the response ended early')));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
            const retryAfter = res.headers['retry-after'];
            finish({
              statusCode: status,
              error:
                status >= 300 && status < 400
                  ? `redirect not followed${res.headers.location ? ` (to ${String(res.headers.location).slice(0, 200)})` : ''}`
                  : null,
              responseExcerpt: excerpt || null,
              retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
            });
          });
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      req.on('error', (err) => finish(failure(err.message || (err as NodeJS.ErrnoException).code || 'connection failed')));
      req.end(body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

function failure(error: string): Omit<SendResult, 'latencyMs'> {
  return { statusCode: null, error, responseExcerpt: null, retryAfterMs: null };
}
