import { describe, expect, it } from 'vitest';
import { loadConfig } from '@stratum/config';
import { MAX_RETRY_AFTER_MS, nextStep, parseRetryAfter } from './retry-policy';

const DEFAULT = loadConfig({ DATABASE_URL: 'postgres://x@y/z', REDIS_URL: 'redis://r' }).webhookRetryDelays;
const answer = (statusCode: number | null, retryAfterMs: number | null = null) => ({ statusCode, retryAfterMs });

describe('the delivery schedule', () => {
  it('defaults to immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    expect(DEFAULT).toEqual([0, 5 * s, 5 * m, 30 * m, 2 * h, 5 * h, 10 * h, 10 * h]);
  });

  it('retries a failure after the next delay of the schedule, then dead-letters after the last attempt', () => {
    const steps = DEFAULT.map((_, i) => nextStep(i + 1, DEFAULT, answer(500)));
    expect(steps.slice(0, -1)).toEqual(DEFAULT.slice(1).map((delayMs) => ({ kind: 'retry', delayMs })));
    expect(steps.at(-1)).toEqual({ kind: 'dead', reason: 'no attempts left after 8' });
    expect(nextStep(1, DEFAULT, answer(null))).toEqual({ kind: 'retry', delayMs: 5000 });
    expect(nextStep(3, [0, 10, 20], answer(302))).toEqual({ kind: 'dead', reason: 'no attempts left after 3' });
  });

  it('treats every 2xx as success and 410 as gone, at any attempt', () => {
    for (const code of [200, 201, 202, 204, 299]) expect(nextStep(8, DEFAULT, answer(code))).toEqual({ kind: 'succeeded' });
    expect(nextStep(1, DEFAULT, answer(410))).toEqual({ kind: 'gone' });
    expect(nextStep(8, DEFAULT, answer(410))).toEqual({ kind: 'gone' });
  });

  it('waits at least as long as a 429 or 503 asks with Retry-After, never less than the schedule', () => {
    expect(nextStep(1, DEFAULT, answer(503, 60_000))).toEqual({ kind: 'retry', delayMs: 60_000 });
    expect(nextStep(1, DEFAULT, answer(429, 1_000))).toEqual({ kind: 'retry', delayMs: 5_000 });
    expect(nextStep(2, DEFAULT, answer(429, 3_600_000))).toEqual({ kind: 'retry', delayMs: 3_600_000 });
    // Other statuses do not get to set the pace.
    expect(nextStep(1, DEFAULT, answer(500, 60_000))).toEqual({ kind: 'retry', delayMs: 5_000 });
    expect(nextStep(1, DEFAULT, answer(503, MAX_RETRY_AFTER_MS + 1))).toMatchObject({ kind: 'dead' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});
