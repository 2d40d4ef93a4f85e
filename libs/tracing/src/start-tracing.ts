import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The started SDK, for a graceful flush on shutdown. */
export interface Tracing {
  shutdown(): Promise<void>;
}

let started: Tracing | null = null;
const FLUSH_TIMEOUT_MS = 2_000;

/**
 * Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_*
 * variables apply; OTEL_SERVICE_NAME defaults to `serviceName`); otherwise loads nothing and
 * answers null. Call it before anything it instruments (http, express, Nest, pg, ioredis) is
 * required: the instrumentations patch modules as they load.
 */
export function startTracing(serviceName: string): Tracing | null {
  readEnvFile();
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  // Loaded only when on: the SDK and its instrumentations take a few hundred milliseconds to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTracingSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  const sdk = createTracingSdk(process.env.OTEL_SERVICE_NAME || serviceName);
  sdk.start();
  started = sdk;
  return sdk;
}

/**
 * Sends the spans still batched (a process stopping would lose the last seconds of them), giving
 * the collector at most two seconds; does nothing when tracing is off.
 */
export async function flushTracing(): Promise<void> {
  if (!started) return;
  const sdk = started;
  started = null;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    sdk.shutdown().catch(() => undefined),
    new Promise((done) => (timer = setTimeout(done, FLUSH_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
}

/**
 * The same `.env` (or ENV_FILE) the configuration reads, read here first so OTEL_* set there
 * count: the configuration's module loads Nest, which must come after the SDK. Errors are left for
 * the configuration to report.
 */
function readEnvFile(): void {
  const file = resolve(process.env.ENV_FILE || '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
