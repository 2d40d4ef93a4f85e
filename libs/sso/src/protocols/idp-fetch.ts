import { request } from 'node:https';

const MAX_RESPONSE_BYTES = 1024 * 1024;
const NO_BODY = new Set([101, 204, 205, 304]);

/** A request to an identity provider that got no answer (refused, reset, timed out, TLS failure). */
export class IdpUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdpUnreachable';
  }
}

export interface IdpFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  signal?: AbortSignal;
}

/**
 * `fetch` for openid-client over node:https and the process's default HTTPS agent: the agent
 * passport-azure-ad makes its own requests with, so both libraries trust the same certificate
 * authorities (the system's, plus NODE_EXTRA_CA_CERTS). HTTPS only; redirects are not followed;
 * answers over 1 MB are refused.
 */
export async function idpFetch(url: string, options: IdpFetchOptions = {}): Promise<Response> {
  const target = new URL(url);
  if (target.protocol !== 'https:') throw new IdpUnreachable(`refusing a non-HTTPS request to ${target.origin}`);
  const body = await bodyBytes(options.body);
  return new Promise<Response>((resolve, reject) => {
    const req = request(target, { method: options.method ?? 'GET', headers: options.headers, signal: options.signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy(new IdpUnreachable(`the answer of ${target.origin} exceeds ${MAX_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const status = res.statusCode ?? 502;
        resolve(new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), { status, headers }));
      });
      res.on('error', (err) => reject(unreachable(target, err)));
    });
    req.on('error', (err) => reject(err instanceof IdpUnreachable ? err : unreachable(target, err)));
    req.end(body);
  });
}

function unreachable(target: URL, err: Error): IdpUnreachable {
  return new IdpUnreachable(`${target.origin} could not be reached: ${err.message}`, { cause: err });
}

async function bodyBytes(body: IdpFetchOptions['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(await new Response(body).arrayBuffer());
}
