import { OutboundFailure, ResolvedTarget, sendTo } from '@stratum/common';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
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
 * POSTs webhook bodies through the platform's guarded outbound request (`sendTo`): the connection
 * goes to the addresses the URL guard checked, redirects are not followed (a 3xx is a failed
 * attempt), every attempt ends within `timeoutMs`. Keep-alive sockets are pooled per host and
 * port; each was opened to a checked address.
 */
export class WebhookSender {
  private readonly http = new HttpAgent({ keepAlive: true, timeout: 4_000, maxSockets: 256 });
  private readonly https = new HttpsAgent({ keepAlive: true, timeout: 4_000, maxSockets: 256 });

  async post(target: ResolvedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const res = await sendTo(target, {
        method: 'POST',
        headers,
        body: Buffer.from(body),
        timeoutMs,
        maxResponseBytes: MAX_READ_BYTES,
        oversize: 'truncate',
        agent: target.url.protocol === 'https:' ? this.https : this.http,
      });
      const excerpt = res.body.toString('utf8').slice(0, EXCERPT_CHARS);
      const retryAfter = res.headers['retry-after'];
      const redirect = res.status >= 300 && res.status < 400;
      return {
        statusCode: res.status,
        latencyMs: latency(),
        error: redirect
          ? `redirect not followed${res.headers.location ? ` (to ${String(res.headers.location).slice(0, 200)})` : ''}`
          : null,
        responseExcerpt: excerpt || null,
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
      };
    } catch (err) {
      if (!(err instanceof OutboundFailure)) throw err;
      return { statusCode: null, latencyMs: latency(), error: err.message, responseExcerpt: null, retryAfterMs: null };
    }
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
