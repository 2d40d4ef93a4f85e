import { expect } from 'vitest';
import type { Reply } from './api';

/** What login, MFA verification and refresh answer. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
}

/** Asserts a 200 carrying a fresh token pair (a JWT, an opaque refresh token), and returns it. */
export function expectTokenPair(res: Reply): TokenPair {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({
    accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    refreshToken: expect.stringMatching(/^rt_[\w-]{40,}$/),
    expiresIn: 900,
    tokenType: 'Bearer',
  });
  return res.body;
}
