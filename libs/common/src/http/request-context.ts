import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

/** Keys of the per-request (or per-job) async-local store. */
export const CTX_PRINCIPAL = 'principal';
export const CTX_REQUEST = 'requestMeta';

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
  method?: string;
  path?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's `X-Request-Id` when it is sane, otherwise makes one. */
export function requestIdFor(req: Request): string {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && REQUEST_ID.test(given)) return given;
  return randomUUID();
}

export function echoRequestId(res: Response, id: string): void {
  res.setHeader('X-Request-Id', id);
}
