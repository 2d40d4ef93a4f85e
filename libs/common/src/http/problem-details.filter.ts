import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { CONNECTION_FAILURE_RETRY_AFTER_SECONDS, isConnectionFailure } from '../errors/connection-errors';
import { DomainError, FieldError } from '../errors/domain-error';
import { ERROR_CODES, ErrorCode, problemType } from '../errors/error-codes';
import { ErrorDialect } from './error-dialect';

/** The problem a request ended with, for the audit trail. */
export const CTX_PROBLEM = 'problem';

export interface ProblemCore {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
}

/** An RFC 9457 problem document; extension members (e.g. `limit`) ride alongside. */
export type ProblemDetails = ProblemCore & { instance?: string; requestId?: string } & Record<string, unknown>;

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Errors raised by Express body parsing (size limit, malformed JSON, charset) carry `type`,
 * `status` and `expose`; they become domain errors in the product's own words.
 */
export function bodyParserError(err: unknown): DomainError | null {
  const e = err as { type?: unknown; status?: unknown; expose?: unknown; message?: unknown } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number' || !e.expose) return null;
  if (e.status === 413) return new DomainError('PAYLOAD_TOO_LARGE', 'Request body exceeds the size limit');
  if (e.status === 415) return new DomainError('UNSUPPORTED_MEDIA_TYPE', String(e.message));
  return new DomainError('BAD_REQUEST', 'Malformed request body');
}

/** Turns anything thrown into an RFC 9457 problem document with a stable `code`. */
export function toProblem(err: unknown): { problem: ProblemCore & Record<string, unknown>; unexpected: boolean } {
  if (err instanceof DomainError) {
    const def = ERROR_CODES[err.code];
    return {
      problem: {
        ...err.extensions,
        type: problemType(err.code),
        title: def.title,
        status: err.status,
        detail: err.message,
        code: err.code,
        ...(err.errors ? { errors: err.errors } : {}),
      },
      unexpected: false,
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    let code: ErrorCode = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
    // Nest's router answers unmatched routes with a NotFoundException whose message names the route.
    const message = err.message;
    if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.test(message)) code = 'ROUTE_NOT_FOUND';
    return {
      problem: {
        type: problemType(code),
        title: ERROR_CODES[code].title,
        status,
        detail: status >= 500 ? ERROR_CODES[code].description : message,
        code,
      },
      unexpected: status >= 500,
    };
  }
  const fromBody = bodyParserError(err);
  if (fromBody) return toProblem(fromBody);
  // A lost database or Redis connection is the dependency's failure, not the request's: retry later.
  if (isConnectionFailure(err)) {
    return toProblem(
      new DomainError('SERVICE_UNAVAILABLE', ERROR_CODES.SERVICE_UNAVAILABLE.description, {
        retryAfter: CONNECTION_FAILURE_RETRY_AFTER_SECONDS,
      }),
    );
  }
  const code: ErrorCode = 'INTERNAL_ERROR';
  return {
    problem: {
      type: problemType(code),
      title: ERROR_CODES[code].title,
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: ERROR_CODES[code].description,
      code,
    },
    unexpected: true,
  };
}

/**
 * Node refuses some requests before any framework code runs (headers over the size limit, a
 * malformed request line): answer those in problem+json too, then close the connection.
 */
export function answerClientErrors(server: import('node:http').Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { bytesParsed?: number }, socket) => {
    if (!socket.writable || (socket as unknown as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const code: ErrorCode = err.code === 'HPE_HEADER_OVERFLOW' ? 'REQUEST_HEADERS_TOO_LARGE' : 'BAD_REQUEST';
    const def = ERROR_CODES[code];
    const body = JSON.stringify({ type: problemType(code), title: def.title, status: def.status, detail: def.description, code });
    socket.end(
      `HTTP/1.1 ${def.status} ${def.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    protected readonly cls: ClsService,
    /** The error format of a part of the API that does not speak problem+json, if a library provides one. */
    @Optional() private readonly dialect?: ErrorDialect,
  ) {}

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { problem, unexpected } = toProblem(err);
    if (this.cls.isActive()) this.cls.set(CTX_PROBLEM, { code: problem.code, status: problem.status });
    const requestId = this.cls.isActive() ? this.cls.getId() : undefined;
    // Never the query string: an emailed link carries its one-time token there.
    const path = req.originalUrl.split('?')[0];
    if (res.destroyed && !res.headersSent) {
      // The client went away first: the request's unit of work was rolled back when the response
      // closed, so whatever the handler was still doing failed. Nobody is left to answer.
      this.logger.log({ requestId, path, reason: (err as Error)?.message }, 'Request abandoned by the client');
      return;
    }
    if (unexpected) {
      this.logger.error({ err, requestId, path }, 'Unhandled error');
    } else if (problem.code === 'SERVICE_UNAVAILABLE') {
      this.logger.warn({ requestId, path, reason: (err as Error)?.message }, 'Dependency unavailable');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const retryAfter = problem['retryAfter'];
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    if (this.dialect?.speaks(req)) {
      this.dialect.answer(err, res);
      return;
    }
    this.respond(req, res, { ...problem, instance: path, requestId });
  }

  /** Writes the problem to the client: problem+json here; a filter for HTML pages renders it instead. */
  protected respond(_req: Request, res: Response, problem: ProblemDetails): void {
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
