import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { startSmtp, TestSmtp } from '../support/smtp';

const TOKEN = 'metrics-scrape-token-0123456789';

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.indexOf('}'));
    const parsed = Object.fromEntries([...body.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => parsed[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: RunningWorker;
  let t: TestTenant;
  const scrape = async () => {
    const res = await api.call('GET', '/metrics', { token: TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.body as string;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    const overrides = { ...ownQueues(), SMTP_URL: smtp.url, METRICS_TOKEN: TOKEN };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    t = await createTenant(api, await superAdminToken(api));
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  it('times requests by route pattern and status, never by raw URL', async () => {
    const project = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: 'Metered' } });
    for (let i = 0; i < 3; i++) await api.call('GET', `/api/v1/projects/${project.body.id}`, { token: t.token });
    await api.call('GET', '/api/v1/projects/00000000-0000-4000-8000-000000000000', { token: t.token });
    const text = await scrape();
    const count = (status: string) =>
      sample(text, 'stratum_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/projects/:id', status });
    expect(count('200')).toBe(3);
    expect(count('404')).toBe(1);
    expect(text).not.toContain(project.body.id);
  });

  it('counts liveness probes, answered ahead of the request pipeline, under their route', async () => {
    const count = async () =>
      sample(await scrape(), 'stratum_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/health/live',
        status: '200',
      }) ?? 0;
    const before = await count();
    for (let i = 0; i < 3; i++) {
      const live = await api.call('GET', '/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok', checks: {} });
    }
    expect(await count()).toBe(before + 3);
  });

  it('reports the connection pool, tenants by status, queue depth and job outcomes', async () => {
    const text = await scrape();
    expect(sample(text, 'stratum_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(text, 'stratum_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'stratum_tenants', { status: 'active' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'stratum_queue_jobs', { queue: 'email', state: 'waiting' })).toBeGreaterThanOrEqual(0);

    const before = sample(text, 'stratum_queue_jobs_processed_total', { queue: 'email', outcome: 'completed' }) ?? 0;
    // An invitation is an email the worker sends.
    const invited = await api.call('POST', '/api/v1/users/invite', { token: t.token, body: { email: `metered@${t.slug}.test` } });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    await smtp.waitFor(`metered@${t.slug}.test`);
    const after = await eventually(async () => {
      const n = sample(await scrape(), 'stratum_queue_jobs_processed_total', { queue: 'email', outcome: 'completed' }) ?? 0;
      return n > before ? n : undefined;
    });
    expect(after).toBe(before + 1);
    expect(text).toContain('stratum_webhook_deliveries_total');
  });

  // Last: Passport keeps one strategy per process, so a second API closing affects the first.
  it('needs the metrics token; without METRICS_TOKEN configured the route does not exist', async () => {
    expect((await api.call('GET', '/metrics')).status).toBe(401);
    expect((await api.call('GET', '/metrics', { token: 'wrong-token-of-some-length' })).status).toBe(401);
    expect((await api.call('GET', '/metrics', { token: t.token })).status).toBe(401);
    const plain = await startApi();
    try {
      const res = await plain.call('GET', '/metrics', { token: TOKEN });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});
