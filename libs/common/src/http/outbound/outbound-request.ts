import { Agent as HttpAgent, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './url-guard';

/** A request that got no usable answer: refused, reset, timed out, TLS failure, answer too large. */
export class OutboundFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutboundFailure';
  }
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** The whole exchange (connection, request, answer) ends within this. */
  timeoutMs: number;
  /** The most of the answer's body that is kept. */
  maxResponseBytes: number;
  /** An answer larger than `maxResponseBytes`: keep its start (`truncate`) or fail (`fail`). */
  oversize: 'truncate' | 'fail';
  /** The connection pool; the process's default agents (and their certificate authorities) without one. */
  agent?: HttpAgent | HttpsAgent;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Sends one HTTP(S) request to a target the URL guard checked: the connection may only go to the
 * checked addresses (passed as the socket's lookup, so the name is not resolved again); redirects
 * are never followed (a 3xx is answered as it is); the exchange ends within `timeoutMs`; at most
 * `maxResponseBytes` of the answer are read. Keep-alive sockets of an agent were each opened to a
 * checked address. Every outbound request made on a tenant's behalf goes through here.
 */
export function sendTo(target: ResolvedTarget, request: OutboundRequest): Promise<OutboundResponse> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, target.addresses);
    else (callback as (err: null, address: string, family: number) => void)(null, target.address, target.family);
  };
  const secure = target.url.protocol === 'https:';
  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { response: OutboundResponse } | { error: OutboundFailure }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('response' in outcome) resolve(outcome.response);
      else reject(outcome.error);
    };
    const headers = { ...request.headers };
    if (request.body) headers['content-length'] = String(request.body.length);
    const req = (secure ? httpsRequest : httpRequest)(
      target.url,
      { method: request.method ?? 'GET', agent: request.agent, lookup, headers, signal: request.signal },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept + chunk.length > request.maxResponseBytes) {
            if (request.oversize === 'fail') {
              finish({
                error: new OutboundFailure(`the answer of ${target.url.origin} exceeds ${request.maxResponseBytes} bytes`),
              });
              res.removeAllListeners('data');
              req.destroy();
              return;
            }
            chunk = chunk.subarray(0, Math.max(0, request.maxResponseBytes - kept));
          }
          kept += chunk.length;
          if (chunk.length) chunks.push(chunk);
        });
        res.on('error', (err) => finish({ error: new OutboundFailure(`response: ${err.message}`, { cause: err }) }));
        // 'close' follows every response, 'end' first when it was whole: no error built for nothing.
        res.on('close', () => settled || finish({ error: new OutboundFailure('the response ended early') }));
        res.on('end', () =>
          finish({ response: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) } }),
        );
      },
    );
    const timer = setTimeout(
      () => req.destroy(new OutboundFailure(`timed out after ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    req.on('error', (err) => {
      const message = err.message || (err as NodeJS.ErrnoException).code || 'connection failed';
      finish({ error: err instanceof OutboundFailure ? err : new OutboundFailure(message, { cause: err }) });
    });
    req.end(request.body);
  });
}
