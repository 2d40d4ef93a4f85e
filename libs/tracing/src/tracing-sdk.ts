import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import type { Context } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { IncomingMessage } from 'node:http';

/** Probes and scrapes would each make a trace of their own, every few seconds. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Query parameters whose values never reach a trace: the one-time tokens of emailed links
 * (`token`), SSO's authorization code and state, SAML's relay state, and signed-URL signatures.
 */
const REDACTED_QUERY_PARAMS = [
  'token',
  'code',
  'state',
  'RelayState',
  'SAMLResponse',
  'sig',
  'Signature',
  'AWSAccessKeyId',
  'X-Goog-Signature',
];

/**
 * The SDK: OTLP over HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT, W3C trace context, and spans for
 * HTTP (in and out), Express and Nest, pg and ioredis. Queries and Redis commands are traced only
 * inside a traced request or job, so pollers and schedulers make no traces of their own.
 */
/** `url` with the values of REDACTED_QUERY_PARAMS replaced, whatever else it holds. */
function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = new URLSearchParams(url.slice(at + 1));
  for (const name of REDACTED_QUERY_PARAMS) if (query.has(name)) query.set(name, 'REDACTED');
  return `${url.slice(0, at)}?${query.toString()}`;
}

const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target'];

/**
 * Redacts the query of URL attributes whatever instrumentation set them (Nest's copies the raw
 * `originalUrl`), before any exporter sees the span.
 */
class RedactUrlsProcessor implements SpanProcessor {
  onStart(span: Span, _context: Context): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string' && value.includes('?')) span.setAttribute(key, redactUrl(value));
    }
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function createTracingSdk(serviceName: string): NodeSDK {
  return new NodeSDK({
    serviceName,
    spanProcessors: [
      new RedactUrlsProcessor(),
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter(),
        // The standard variable, which a processor given in code does not read by itself.
        ...(Number(process.env.OTEL_BSP_SCHEDULE_DELAY) > 0
          ? { scheduledDelayMillis: Number(process.env.OTEL_BSP_SCHEDULE_DELAY) }
          : {}),
      }),
    ],
    // Traces only: metrics are Prometheus's (/metrics), and nothing logs through OpenTelemetry.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATHS.test(req.url ?? ''),
        requireParentforOutgoingSpans: true,
        redactedQueryParamsServer: REDACTED_QUERY_PARAMS,
      }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
}
