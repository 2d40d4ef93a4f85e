import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { toProblem } from './problem-details.filter';

describe('toProblem', () => {
  it('maps a DomainError with its code, detail, field errors and extensions', () => {
    const { problem, unexpected } = toProblem(new DomainError('PLAN_LIMIT', 'Seat limit of 5 reached', { limit: 'seats' }));
    expect(unexpected).toBe(false);
    expect(problem).toEqual({
      type: '/api/v1/errors/PLAN_LIMIT',
      title: 'Plan limit reached',
      status: 403,
      detail: 'Seat limit of 5 reached',
      code: 'PLAN_LIMIT',
      limit: 'seats',
    });

    const invalid = toProblem(
      new DomainError('VALIDATION_FAILED', 'admin.email must be an email', {}, [
        { field: 'admin.email', message: 'admin.email must be an email' },
      ]),
    ).problem;
    expect(invalid).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'admin.email', message: 'admin.email must be an email' }],
    });

    // Without a detail of its own, the code's title is the detail.
    expect(toProblem(new DomainError('UNAUTHENTICATED')).problem).toMatchObject({
      status: 401,
      detail: 'Authentication required',
    });
  });

  it('never lets extensions overwrite the core members', () => {
    const { problem } = toProblem(new DomainError('FORBIDDEN', 'no', { status: 200, code: 'OK', type: 'x', title: 'fine' }));
    expect(problem).toMatchObject({ status: 403, code: 'FORBIDDEN', type: '/api/v1/errors/FORBIDDEN', title: 'Forbidden' });
  });

  it("maps the router's 404 for an unmatched route to ROUTE_NOT_FOUND, other 404s to NOT_FOUND", () => {
    const route = toProblem(new NotFoundException('Cannot GET /x')).problem;
    expect(route).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      type: '/api/v1/errors/ROUTE_NOT_FOUND',
      title: 'Route not found',
    });
    expect(toProblem(new NotFoundException('Cannot DELETE /api/v1/nothing')).problem.code).toBe('ROUTE_NOT_FOUND');
    expect(toProblem(new NotFoundException('Widget not found')).problem.code).toBe('NOT_FOUND');
  });

  it('maps other HttpExceptions by status', () => {
    expect(toProblem(new ForbiddenException()).problem).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(toProblem(new BadRequestException('nope')).problem).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      detail: 'nope',
    });
    expect(toProblem(new HttpException('slow down', 429)).problem).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(toProblem(new HttpException('teapot', 418)).problem).toMatchObject({ status: 418, code: 'BAD_REQUEST' });
  });

  it('hides the message of a 5xx HttpException and flags it unexpected', () => {
    const { problem, unexpected } = toProblem(new InternalServerErrorException('db password is hunter2'));
    expect(unexpected).toBe(true);
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('maps body-parser errors: too large → PAYLOAD_TOO_LARGE, malformed → BAD_REQUEST, charset → UNSUPPORTED_MEDIA_TYPE', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      expose: true,
    });
    expect(toProblem(tooLarge)).toEqual({
      problem: {
        type: '/api/v1/errors/PAYLOAD_TOO_LARGE',
        title: 'Payload too large',
        status: 413,
        detail: 'Request body exceeds the size limit',
        code: 'PAYLOAD_TOO_LARGE',
      },
      unexpected: false,
    });
    const malformed = {
      type: 'entity.parse.failed',
      status: 400,
      expose: true,
      message: 'Unexpected token } in JSON at position 7',
    };
    expect(toProblem(malformed).problem).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: 'Malformed request body' });
    expect(toProblem(malformed).problem.detail).not.toContain('Unexpected token');
    const charset = { type: 'charset.unsupported', status: 415, expose: true, message: 'unsupported charset "KOI8-R"' };
    expect(toProblem(charset).problem).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('maps an unknown error to INTERNAL_ERROR without leaking its message', () => {
    const secret = 'connect ECONNREFUSED postgres://admin:s3cr3t@10.0.0.5:5432';
    for (const err of [
      new Error(secret),
      new TypeError(secret),
      secret,
      null,
      undefined,
      { message: secret, status: 500, type: 'x' },
    ]) {
      const { problem, unexpected } = toProblem(err);
      expect(unexpected).toBe(true);
      expect(problem).toEqual({
        type: '/api/v1/errors/INTERNAL_ERROR',
        title: 'Internal server error',
        status: 500,
        detail: expect.any(String),
        code: 'INTERNAL_ERROR',
      });
      expect(JSON.stringify(problem)).not.toContain('s3cr3t');
    }
  });

  it('maps lost or refused PostgreSQL and Redis connections to 503 with Retry-After, wherever they are wrapped', () => {
    const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    const failures: unknown[] = [
      pg('57P01', 'terminating connection due to administrator command'),
      pg('57P02'),
      pg('57P03', 'the database system is starting up'),
      pg('53300', 'sorry, too many clients already'),
      pg('08006'),
      pg('08001'),
      pg('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      pg('ECONNRESET'),
      pg('ETIMEDOUT'),
      pg('EPIPE'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), {
        name: 'QueryRunnerAlreadyReleasedError',
      }),
      Object.assign(new Error('Database connection provided by a query runner was already released'), {
        name: 'QueryRunnerProviderAlreadyReleasedError',
      }),
      Object.assign(new Error('Query failed'), { name: 'QueryFailedError', driverError: pg('57P01') }),
      new Error('Connection is closed.'),
      new Error('Command timed out'),
      Object.assign(new Error('Reached the max retries per request limit (which is 0).'), { name: 'MaxRetriesPerRequestError' }),
      new Error('outer', { cause: new Error('middle', { cause: pg('ECONNREFUSED') }) }),
      new AggregateError([pg('ECONNREFUSED'), pg('ECONNREFUSED')]),
    ];
    for (const err of failures) {
      const { problem, unexpected } = toProblem(err);
      expect(problem, String(err)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: 1 });
      expect(unexpected).toBe(false);
    }
    for (const err of [
      pg('23505', 'duplicate key'),
      pg('42P01'),
      new Error('Connection refused by policy'),
      new TypeError('x'),
    ]) {
      expect(toProblem(err).problem, String(err)).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    }
  });
});
