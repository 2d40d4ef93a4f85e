import type { INestApplication, Type } from '@nestjs/common';
import type { AppConfig } from '@stratum/config';
import { appendFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { testConfig } from './config';

export interface CallOptions {
  token?: string;
  tenant?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw body; sent as is with the given content type. */
  raw?: { body: string | Buffer; contentType: string };
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApi {
  url: string;
  app: INestApplication;
  config: AppConfig;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

/** Boots the real API (same factory as production) on a free port. */
export async function startApi(overrides: Record<string, string> = {}, extraModules: Type[] = []): Promise<TestApi> {
  const config = testConfig(overrides);
  const app = await createApiApp(config, extraModules);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    config,
    call: (method, path, options = {}) => call(url, method, path, options),
    close: () => app.close(),
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export async function call<T = any>(base: string, method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.tenant) headers['x-tenant'] = options.tenant;
  let body: string | Buffer | undefined;
  if (options.raw) {
    body = options.raw.body;
    headers['content-type'] = options.raw.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  // node:http rather than fetch: tests must be able to set any header, Host included.
  const {
    status,
    headers: resHeaders,
    text,
  } = await new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  let parsed: unknown = text;
  if (text && /json/.test(resHeaders.get('content-type') ?? '')) parsed = JSON.parse(text);
  observe(method, new URL(path, base), status, parsed);
  return { status, headers: resHeaders, body: parsed as T };
}

let observed: string | null | undefined;

/**
 * Notes a response in this process's file of the run's directory (made by the global setup), so
 * the run can check at its end that the OpenAPI document declares every status and error code
 * the API answered. Every helper that speaks to the API calls it.
 */
export function observe(method: string, url: string | URL, status: number, body?: unknown): void {
  if (observed === undefined) {
    const dir = inject('observedDir');
    observed = dir ? join(dir, `${process.pid}.jsonl`) : null;
  }
  if (!observed) return;
  const code = status >= 400 && body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
  const line: Record<string, unknown> = { method: method.toUpperCase(), path: new URL(url).pathname, status };
  if (typeof code === 'string') line.code = code;
  appendFileSync(observed, `${JSON.stringify(line)}\n`);
}
