/** Retry-After beyond this is not waited for: the message is dead-lettered instead. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** What an attempt's answer means for the delivery. */
export type NextStep =
  { kind: 'succeeded' } | { kind: 'gone' } | { kind: 'retry'; delayMs: number } | { kind: 'dead'; reason: string };

export interface AttemptAnswer {
  /** The receiver's status code; null when there was none (refused, timed out, connection error). */
  statusCode: number | null;
  /** Retry-After of a 429 or 503, in milliseconds from now. */
  retryAfterMs: number | null;
}

/**
 * Decides what follows attempt number `attempt` (1-based) of a delivery whose schedule is
 * `delays` (the delay before each attempt; the first is the first attempt's). 2xx is success;
 * 410 Gone disables the endpoint; anything else is retried after the next scheduled delay, or
 * after Retry-After when a 429 or 503 asks for longer; after the last attempt, dead-lettered.
 */
export function nextStep(attempt: number, delays: readonly number[], answer: AttemptAnswer): NextStep {
  const { statusCode } = answer;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'succeeded' };
  if (statusCode === 410) return { kind: 'gone' };
  if (attempt >= delays.length) return { kind: 'dead', reason: `no attempts left after ${attempt}` };
  let delayMs = delays[attempt];
  if ((statusCode === 429 || statusCode === 503) && answer.retryAfterMs !== null) {
    if (answer.retryAfterMs > MAX_RETRY_AFTER_MS)
      return { kind: 'dead', reason: 'the receiver asked to wait more than 24 hours' };
    delayMs = Math.max(delayMs, answer.retryAfterMs);
  }
  return { kind: 'retry', delayMs };
}

/** A Retry-After header (delay in seconds, or an HTTP date) in milliseconds from `now`; null if absent or malformed. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its weekday or month; anything else is not one.
  const at = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
