import { DynamicModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClsServiceManager } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { principalId, type Principal } from '../auth/principal';
import { CTX_PRINCIPAL } from '../http/request-context';

/** Probes and scrapes, answered every few seconds: logged at debug unless they fail. */
const ROUTINE_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** pino-pretty is a development dependency: a production install has none, and logs stay JSON. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

export interface LoggingOptions {
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON, when installed. */
  pretty?: boolean;
  service: string;
}

/** Paths never written to logs, wherever they appear. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  '*.password',
  '*.passwordHash',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.secret',
  '*.clientSecret',
];

/** JSON logs (pino) with the request id, tenant and user of every line written during a request. */
export function loggingModule(options: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    // nestjs-pino's default is '*', which path-to-regexp 8 no longer reads (Nest warns on every start).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: options.level,
      base: { service: options.service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      transport:
        options.pretty && prettyAvailable()
          ? {
              target: 'pino-pretty',
              options: {
                ignore: 'pid,hostname,service,context,req,res,responseTime',
                messageFormat: '{if context}[{context}] {end}{if req.method}{req.method} {req.url} {res.statusCode} {end}{msg}',
              },
            }
          : undefined,
      genReqId: (req: IncomingMessage) => {
        const cls = ClsServiceManager.getClsService();
        return (cls.isActive() && cls.getId()) || String((req as { id?: unknown }).id ?? '');
      },
      customProps: () => {
        const cls = ClsServiceManager.getClsService();
        if (!cls.isActive()) return {};
        const principal = cls.get<Principal | undefined>(CTX_PRINCIPAL);
        const tenant = cls.get<{ id: string } | undefined>('tenant');
        return {
          ...(tenant ? { tenantId: tenant.id } : {}),
          ...(principal ? { principalId: principalId(principal), principalKind: principal.kind } : {}),
          ...(principal?.kind === 'tenant_user' && principal.impersonator
            ? { impersonatorId: principal.impersonator.userId, impersonationId: principal.impersonator.impersonationId }
            : {}),
        };
      },
      serializers: {
        // `raw` is the Express request, whose `ip` follows TRUST_PROXY (the socket's address may be a proxy's).
        req: (req: IncomingMessage & { id?: string; raw?: { ip?: string } }) => ({
          id: req.id,
          method: req.method,
          url: req.url?.split('?')[0],
          ip: req.raw?.ip,
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : ROUTINE_PATHS.has(req.url?.split('?')[0] ?? '')
              ? 'debug'
              : 'info',
    },
  });
}
