import { ERROR_CODES } from '@stratum/common';
import { expect } from 'vitest';

/** An answer of the API: a parsed Reply, or a download kept as text. */
interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Members the problem document must have; `field` names a field its `errors` must list. */
export type ProblemMembers = Record<string, unknown> & { field?: string };

/**
 * Asserts `res` is the API's error document (problem+json, RFC 9457: type, title, status, detail,
 * code, request id) with this status and code, and returns its body. `expected` is a label for
 * failure messages, or members the body must have (`{ instance: '/api/v1/projects' }`).
 */
export function expectProblem(res: Answer, status: number, code: string, expected: string | ProblemMembers = {}): any {
  const body: any = typeof res.body === 'string' ? parsed(res.body) : res.body;
  const { field, ...members } = typeof expected === 'string' ? {} : expected;
  const context = `${typeof expected === 'string' ? `${expected} ` : ''}${res.status} ${JSON.stringify(body)}`;
  expect(res.status, context).toBe(status);
  expect(res.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
  expect(body?.code, context).toBe(code);
  expect(body, context).toMatchObject({
    type: `/api/v1/errors/${code}`,
    title: ERROR_CODES[code as keyof typeof ERROR_CODES]?.title,
    status,
    detail: expect.stringMatching(/./),
    instance: expect.stringMatching(/^\//),
    ...members,
  });
  // The body's request id is the one the response header carries.
  expect(body.requestId, context).toBe(res.headers.get('x-request-id'));
  if (field)
    expect(
      (body.errors ?? []).map((e: { field: string }) => e.field),
      context,
    ).toContain(field);
  return body;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The parts of a problem a client can compare across calls (not requestId/instance). */
export const comparableProblem = (res: Answer) => {
  const body = (typeof res.body === 'string' ? parsed(res.body) : res.body) as Record<string, unknown>;
  return { status: res.status, code: body.code, title: body.title, detail: body.detail };
};
