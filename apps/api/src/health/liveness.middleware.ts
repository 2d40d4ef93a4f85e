import { requestIdFor } from '@stratum/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The headers a helmet middleware sets, captured once: with a fixed configuration they are the
 * same for every response, and one loop over them costs a fraction of helmet's dozen nested
 * middlewares on every request.
 */
export function staticHeadersOf(middleware: RequestHandler): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let called = false;
  middleware({ method: 'GET', headers: {} } as Request, res as unknown as Response, () => (called = true));
  if (!called) throw new Error('the security headers middleware did not run synchronously');
  return [...headers];
}

export function setHeaders(headers: [string, string][]): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

const LIVE = Buffer.from(JSON.stringify({ status: 'ok', checks: {} }));

/**
 * GET /health/live answered before the request pipeline: load balancers poll it often, and it
 * needs no request context, body parsing, authentication, tenant or unit of work. It carries the
 * same security headers and request id as every answer, and is counted by `observe`.
 * HealthController declares the route (OpenAPI, and any other method or a query string).
 */
export function livenessProbe(headers: [string, string][], observe: (seconds: number) => void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.url !== '/health/live' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const started = process.hrtime.bigint();
    for (const [name, value] of headers) res.setHeader(name, value);
    res.setHeader('X-Request-Id', requestIdFor(req));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', LIVE.length);
    res.end(req.method === 'HEAD' ? undefined : LIVE);
    observe(Number(process.hrtime.bigint() - started) / 1e9);
  };
}
