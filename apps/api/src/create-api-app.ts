import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  answerClientErrors,
  bodyParserError,
  CTX_REQUEST,
  echoRequestId,
  ERROR_CODES,
  FrameworkQuietLogger,
  noStore,
  requestIdFor,
  RequestMeta,
} from '@stratum/common';
import type { AppConfig } from '@stratum/config';
import { ACCOUNT_PAGE_PATHS } from '@stratum/identity';
import { SCIM_PATH } from '@stratum/directory-sync';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { ClsMiddleware } from 'nestjs-cls';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './app.module';
import { livenessProbe, setHeaders, staticHeadersOf } from './health/liveness.middleware';
import { MetricsService } from './metrics/metrics.service';
import { finalizeDocument, operationIdFactory } from './openapi/openapi-contract';
import { mountQueueDashboard } from './queue-dashboard/queue-dashboard';

export const API_PREFIX = 'api/v1';

/** Builds the configured HTTP app (not yet listening); `main.ts`, tests and benchmarks share it. */
export async function createApiApp(config: AppConfig, extraModules: Type[] = []): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot({ config, extraModules }), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(new FrameworkQuietLogger(app.get(Logger)));
  answerClientErrors(app.getHttpServer());
  app.disable('x-powered-by');
  // Which proxies may name the client: `req.ip` (logs, audit, rate limits, IP allowlists) follows it.
  app.set('trust proxy', config.trustProxy);
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Tenant', 'X-API-Key', 'X-Request-Id'],
      exposedHeaders: [
        'X-Request-Id',
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'Content-Disposition',
      ],
      maxAge: 600,
    });
  }

  // Default helmet headers, minus upgrade-insecure-requests: TLS is the proxy's business, and the
  // directive breaks Swagger UI's requests on a plain-HTTP deployment.
  const securityHeaders = staticHeadersOf(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  const metrics = app.get(MetricsService);
  app.use(livenessProbe(securityHeaders, metrics.observer('GET', '/health/live', 200)));
  // The request context (request id, client) exists before anything else runs, errors included.
  app.use(
    new ClsMiddleware({
      generateId: true,
      idGenerator: (req: Request) => requestIdFor(req),
      setup: (cls, req: Request, res: Response) => {
        echoRequestId(res, cls.getId());
        cls.set(CTX_REQUEST, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          method: req.method,
          path: req.path,
        } satisfies RequestMeta);
      },
    }).use,
  );
  app.use(setHeaders(securityHeaders));
  app.use(`/${API_PREFIX}`, noStore);
  // Parser errors become domain errors here; left alone, Nest would pass the JSON parser's own
  // message (with character positions) to the client.
  const parseJson = json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parseJson(req, res, (err?: unknown) => next(err ? (bodyParserError(err) ?? err) : undefined)),
  );
  app.use(metrics.httpTimer());
  mountQueueDashboard(app, config, API_PREFIX);
  // The SCIM service lives at /scim/v2, where identity providers expect a bare base URL; the account
  // pages where emailed links point (PUBLIC_APP_URL unset).
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health/live', 'health/ready', 'metrics', `${SCIM_PATH}/{*path}`, ...ACCOUNT_PAGE_PATHS.map((p) => p.slice(1))],
  });

  if (config.SWAGGER_ENABLED) setupSwagger(app, config);
  return app;
}

/** The OpenAPI document of the app as served at /docs-json (and committed as openapi.json). */
export function openApiDocument(app: INestApplication, config: AppConfig) {
  const codes = Object.entries(ERROR_CODES)
    .map(([code, def]) => `| \`${code}\` | ${def.status} | ${def.description} |`)
    .join('\n');
  const doc = new DocumentBuilder()
    .setTitle('Stratum API')
    .setVersion('1.0')
    .setDescription(
      [
        'Multi-tenant SaaS backend. Tenant routes act on the tenant of your token; before login, name the tenant with the `X-Tenant` header (slug or id).',
        '',
        'Authorize with **bearer** (an access token from a login route) or **apiKey** (a tenant API key). Tenant sign-in routes take the tenant in the `X-Tenant` header (slug or id).',
        '',
        'Every error is `application/problem+json` (RFC 9457) with a stable `code` and the `requestId`:',
        '',
        '| code | status | meaning |',
        '|---|---|---|',
        codes,
      ].join('\n'),
    )
    .addServer('/', 'The server this document is served from (Swagger UI calls it)')
    .addServer(config.PUBLIC_API_URL, 'The configured public address (PUBLIC_API_URL)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from a login route' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A tenant API key (sk_live_…)' }, 'apiKey')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A directory-sync token (scim_…) for the SCIM service at /scim/v2' },
      'scimToken',
    )
    .build();
  const document = SwaggerModule.createDocument(app, doc, { operationIdFactory });
  return finalizeDocument(app, document, API_PREFIX);
}

function setupSwagger(app: INestApplication, config: AppConfig): void {
  const document = openApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Stratum API',
    swaggerOptions: { persistAuthorization: true },
  });
}
