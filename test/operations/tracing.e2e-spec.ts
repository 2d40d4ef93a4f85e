import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, TestApi } from '../support/api';
import { ownQueues } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { buildProduct, ProductProcess, startApiProcess, startWorkerProcess } from '../support/processes';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createEndpoint, webhookOverrides } from '../support/webhooks';

const run = promisify(execFile);

/** OTLP span kinds (SPAN_KIND_*), as the JSON encoding numbers them. */
const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
}
/** A span as the collector received it, with the service and instrumentation that made it. */
interface Span extends OtlpSpan {
  service: string;
  scope: string;
}

const attr = (span: Span, ...keys: string[]): string | undefined => {
  const found = span.attributes?.find((a) => keys.includes(a.key))?.value;
  return found === undefined ? undefined : String(found.stringValue ?? found.intValue);
};

/** An OTLP/HTTP collector in the test process: it keeps every span POSTed to /v1/traces (JSON). */
class OtlpReceiver {
  readonly spans: Span[] = [];
  /** Export requests received, whatever their path. */
  requests = 0;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests++;
        if (req.method === 'POST' && req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          for (const rs of body.resourceSpans ?? []) {
            const service = rs.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')?.value?.stringValue;
            for (const ss of rs.scopeSpans ?? [])
              for (const span of ss.spans ?? []) this.spans.push({ ...span, service, scope: ss.scope?.name ?? '' });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  inTrace(traceId: string): Span[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  close(): Promise<void> {
    return new Promise((done) => this.server?.close(() => done()) ?? done());
  }
}

/** A W3C traceparent of a trace the test names itself, so it knows which spans belong to its request. */
function newTraceparent(): { traceId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, header: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

/**
 * The built API and worker run as processes with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a
 * collector in the test: a change made in a request is traced through the outbox and the webhook
 * job to the HTTP request the receiver gets, and an invitation through the email job, each in the
 * trace of the request that caused it.
 */
describe('tracing (OpenTelemetry)', () => {
  let build: ReturnType<typeof buildProduct>;
  let collector: OtlpReceiver;
  let receiver: WebhookReceiver;
  let apiProcess: ProductProcess;
  let workerProcess: ProductProcess;
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    build = buildProduct();
    collector = await new OtlpReceiver().start();
    receiver = await new WebhookReceiver().start();
    const overrides = webhookOverrides({
      ...ownQueues(),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Spans are batched; send them within a moment rather than every 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    [apiProcess, workerProcess] = await Promise.all([
      startApiProcess(build.dir, overrides),
      startWorkerProcess(build.dir, overrides),
    ]);
    // The fixtures need only `call`; this one calls the API process.
    api = { url: apiProcess.url, call: (method, path, options) => call(apiProcess.url, method, path, options) } as TestApi;
    tenant = await createTenant(api, await superAdminToken(api));
    await createEndpoint(api, tenant, receiver.url('/traced'), ['project.created']);
  }, 120_000);

  afterAll(async () => {
    apiProcess?.child.kill('SIGKILL');
    workerProcess?.child.kill('SIGKILL');
    await receiver?.close();
    await collector?.close();
    build?.remove();
  });

  it('follows a change from the API request through the outbox and the webhook job to the receiver, in one trace', async () => {
    const trace = newTraceparent();
    const created = await api.call('POST', '/api/v1/projects', {
      token: tenant.token,
      body: { name: 'Traced' },
      headers: { traceparent: trace.header },
    });
    expect(created.status).toBe(201);

    // The receiver got the delivery with a traceparent of the same trace (injected by the HTTP client instrumentation).
    const hook = await eventually(async () => receiver.at('/traced').find((h) => h.json.data.id === created.body.id), 20_000);
    const [, hookTraceId, hookParentId] = String(hook.headers.traceparent ?? '').split('-');
    expect(hookTraceId).toBe(trace.traceId);

    const traceDump = () =>
      JSON.stringify(
        collector.inTrace(trace.traceId).map((s) => [s.service, s.scope, s.name, s.kind]),
        null,
        1,
      );
    const spans = await eventually(async () => {
      const all = collector.inTrace(trace.traceId);
      const client = all.find((s) => s.spanId === hookParentId);
      return client && all.some((s) => s.service === 'stratum-api' && s.kind === SERVER) ? all : null;
    }, 20_000).catch((err: Error) => {
      throw new Error(`${err.message}: spans of the trace ${traceDump()}\n${workerProcess.output().slice(-3000)}`);
    });

    const server = spans.find((s) => s.service === 'stratum-api' && s.kind === SERVER)!;
    expect(attr(server, 'http.request.method', 'http.method')).toBe('POST');
    expect(attr(server, 'http.route', 'url.path', 'http.target')).toContain('/api/v1/projects');
    // The outbox row written in the request's transaction, with the rest of its SQL.
    const queries = spans.filter((s) => s.service === 'stratum-api' && s.scope.includes('instrumentation-pg'));
    expect(queries.length, traceDump()).toBeGreaterThan(0);
    expect(
      queries.some((s) => attr(s, 'db.query.text', 'db.statement')?.includes('webhook_messages')),
      traceDump(),
    ).toBe(true);

    const delivery = spans.find((s) => s.service === 'stratum-worker' && s.name === 'webhook deliver');
    expect(delivery, traceDump()).toBeDefined();
    expect(delivery!.kind).toBe(CONSUMER);
    expect(attr(delivery!, 'stratum.tenant.id')).toBe(tenant.id);
    // Its parent is a span of the API's request (the one that wrote the outbox row).
    expect(spans.filter((s) => s.service === 'stratum-api').map((s) => s.spanId)).toContain(delivery!.parentSpanId);

    // The POST to the receiver is the client span whose id the receiver got, under the delivery span.
    const client = spans.find((s) => s.spanId === hookParentId)!;
    expect(client.service).toBe('stratum-worker');
    expect(client.kind).toBe(CLIENT);
    const ancestors = (span: Span): string[] => {
      const parent = spans.find((s) => s.spanId === span.parentSpanId);
      return parent ? [parent.spanId, ...ancestors(parent)] : [];
    };
    expect(ancestors(client)).toContain(delivery!.spanId);
  });

  it('continues the request’s trace in the email job it queued', async () => {
    const trace = newTraceparent();
    const invited = await api.call('POST', '/api/v1/users/invite', {
      token: tenant.token,
      body: { email: `traced-${randomBytes(3).toString('hex')}@example.test` },
      headers: { traceparent: trace.header },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const send = await eventually(
      async () => collector.inTrace(trace.traceId).find((s) => s.service === 'stratum-worker' && s.name === 'email invitation'),
      20_000,
    );
    expect(send.kind).toBe(CONSUMER);
    const apiSpans = collector.inTrace(trace.traceId).filter((s) => s.service === 'stratum-api');
    expect(apiSpans.some((s) => s.kind === SERVER)).toBe(true);
    expect(apiSpans.map((s) => s.spanId)).toContain(send.parentSpanId);
  });

  it('keeps one-time tokens of emailed links out of traces', async () => {
    const trace = newTraceparent();
    const secret = `link-token-${randomBytes(8).toString('hex')}`;
    const page = await fetch(`${apiProcess.url}/reset-password?tenant=${tenant.slug}&token=${secret}&lang=en`, {
      headers: { traceparent: trace.header },
    });
    expect(page.status).toBe(200);
    const server = await eventually(
      async () => collector.inTrace(trace.traceId).find((s) => s.service === 'stratum-api' && s.kind === SERVER),
      20_000,
    );
    // The query is kept for what it says about the request, with the token's value redacted.
    expect(attr(server, 'url.query')).toMatch(/token=REDACTED/);
    expect(attr(server, 'url.query')).toContain('lang=en');
    const leaks = collector.spans
      .filter((s) => JSON.stringify(s).includes(secret))
      .map((s) => `${s.scope} ${s.name} ${JSON.stringify(s.attributes)}`);
    expect(leaks).toEqual([]);
  });

  /** Runs `script` in a node process beside the build with `tracing` = the built @stratum/tracing; answers its stdout as JSON. */
  const probe = async (script: string, env: Record<string, string>) => {
    const { stdout } = await run(
      process.execPath,
      ['-e', `const tracing = require(${JSON.stringify(join(build.dir, 'libs/tracing/src'))});\n${script}`],
      { env: { PATH: process.env.PATH ?? '', NODE_PATH: resolve(__dirname, '../../node_modules'), ...env }, cwd: build.dir },
    );
    return JSON.parse(stdout);
  };

  it('starts no SDK without OTEL_EXPORTER_OTLP_ENDPOINT: nothing is loaded or exported', async () => {
    const script = `const t = tracing.startTracing('probe');
      const loaded = Object.keys(require.cache).some((k) => k.includes('@opentelemetry/sdk-node'));
      process.stdout.write(JSON.stringify({ started: t !== null, loaded }));
      tracing.flushTracing();`;
    // Every other standard variable set, the endpoint not: off.
    expect(await probe(script, { OTEL_SERVICE_NAME: 'probe', OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      started: false,
      loaded: false,
    });
    // The same probe with the endpoint set does start it (so the check above can fail).
    expect(await probe(script, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url })).toEqual({ started: true, loaded: true });
  });

  it('sends the spans still batched when a process stops', async () => {
    const name = `stopping-${randomBytes(4).toString('hex')}`;
    const script = `tracing.startTracing('probe');
      require('@opentelemetry/api').trace.getTracer('probe').startSpan(${JSON.stringify(name)}).end();
      tracing.flushTracing().then(() => process.stdout.write('{}'));`;
    // Batches would go every minute: only the flush on the way out sends this one.
    await probe(script, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '60000' });
    expect(collector.spans.filter((s) => s.name === name && s.service === 'probe')).toHaveLength(1);
  });
});
