import type { AppConfig } from '@stratum/config';
import { freePort } from '@stratum/devenv';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWorker, RunningWorker } from '../../apps/worker/src/create-worker';
import { QUEUES } from '@stratum/database';
import { call, startApi, TestApi } from '../support/api';
import { asAppRole, testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';

const HOUR_MS = 60 * 60 * 1000;
const dbName = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;

/**
 * The worker process: its hourly `tenant-purge` job drops the schema and role of tenants deleted
 * more than TENANT_PURGE_GRACE_DAYS ago. It runs with the default grace period (30 days), and
 * the test dates its tenant's deletion back past it: a worker with no grace period would purge
 * every tenant that the test files running alongside delete and still expect to find.
 */
describe('worker', () => {
  let config: AppConfig;
  let worker: RunningWorker;
  let api: TestApi;
  let root: string;
  let queue: Queue;
  let events: QueueEvents;
  let pg: Client;
  let healthUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    // As in production, API and worker connect as the app's own role, not as a superuser.
    config = testConfig({ ...asAppRole(), WORKER_HEALTH_PORT: String(port), HOST: '127.0.0.1' });
    healthUrl = `http://127.0.0.1:${port}`;
    worker = await startWorker(config);
    api = await startApi(asAppRole());
    root = await superAdminToken(api);
    const connection = { url: config.REDIS_URL };
    const prefix = `${config.REDIS_KEY_PREFIX}:bull`;
    queue = new Queue(QUEUES.maintenance, { connection, prefix });
    events = new QueueEvents(QUEUES.maintenance, { connection, prefix });
    await events.waitUntilReady();
    pg = new Client({ connectionString: inject('appDatabaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.close();
    await api?.close();
    await pg?.end();
  });

  /** The iterations of the `tenant-purge` scheduler that have run to completion. */
  async function completedScheduledRuns(): Promise<Job[]> {
    return (await queue.getJobs(['completed'])).filter((j) => j.repeatJobKey === 'tenant-purge');
  }

  async function schemaExists(tenantId: string): Promise<boolean> {
    return (await pg.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [dbName(tenantId)])).rowCount === 1;
  }

  async function roleExists(tenantId: string): Promise<boolean> {
    return (await pg.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [dbName(tenantId)])).rowCount === 1;
  }

  async function deleteTenant(tenant: TestTenant): Promise<void> {
    const res = await api.call('DELETE', `/api/v1/platform/tenants/${tenant.id}`, { token: root });
    expect(res.status).toBe(200);
  }

  it('registers the hourly tenant-purge job scheduler, which runs at start', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(expect.objectContaining({ key: 'tenant-purge', name: 'tenant-purge', every: HOUR_MS }));
    const [run] = await eventually(async () => {
      const runs = await completedScheduledRuns();
      return runs.length ? runs : null;
    });
    expect(run.name).toBe('tenant-purge');
    expect(run.returnvalue).toEqual({ purged: expect.any(Array) });
  });

  it('purges a tenant deleted longer ago than the grace period when the tenant-purge job runs, and no other', async () => {
    // The scheduler's first run must be over, so that the job below is the one that purges.
    await eventually(async () => (await completedScheduledRuns()).length > 0);

    const [expired, recent] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    await deleteTenant(expired);
    await deleteTenant(recent);
    await pg.query(`UPDATE platform.tenants SET deleted_at = now() - make_interval(days => $1) WHERE id = $2`, [
      config.TENANT_PURGE_GRACE_DAYS + 1,
      expired.id,
    ]);
    expect(await schemaExists(expired.id)).toBe(true);
    expect(await roleExists(expired.id)).toBe(true);

    const job = await queue.add('tenant-purge', {});
    const result = await job.waitUntilFinished(events, 30_000);
    expect(result.purged).toContain(expired.id);
    expect(result.purged).not.toContain(recent.id);

    expect(await schemaExists(expired.id)).toBe(false);
    expect(await roleExists(expired.id)).toBe(false);
    const migrations = await pg.query('SELECT 1 FROM platform.tenant_migrations WHERE tenant_id = $1', [expired.id]);
    expect(migrations.rowCount).toBe(0);
    const shown = await api.call('GET', `/api/v1/platform/tenants/${expired.id}`, { token: root });
    expect(shown.body).toMatchObject({ status: 'deleted', purgeAfter: null });
    const row = await pg.query('SELECT purged_at FROM platform.tenants WHERE id = $1', [expired.id]);
    expect(row.rows[0].purged_at).toBeInstanceOf(Date);
    // The API process hears of the purge: to the tenant's users it no longer exists.
    const login = () => api.call('POST', '/api/v1/auth/login', { tenant: expired.slug, body: expired.admin });
    await eventually(async () => (await login()).status === 404);
    expect((await login()).body.code).toBe('TENANT_NOT_FOUND');

    // Within its grace period: untouched.
    expect(await schemaExists(recent.id)).toBe(true);
    expect(await roleExists(recent.id)).toBe(true);

    // The job is idempotent: running it again purges nothing new and does not fail.
    const again = await queue.add('tenant-purge', {});
    const second = await again.waitUntilFinished(events, 30_000);
    expect(second.purged).not.toContain(expired.id);
    expect(second.purged).not.toContain(recent.id);
  });

  it('fails a maintenance job it does not know', async () => {
    const job = await queue.add('no-such-job', {});
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/unknown maintenance job no-such-job/);
    expect(await job.getState()).toBe('failed');
  });

  it('answers its health endpoints', async () => {
    const live = await call(healthUrl, 'GET', '/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', checks: {} });
    const ready = await call(healthUrl, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    // Housekeeping runs: a webhook sweep completed recently (the scheduler runs one at start).
    expect(ready.body).toEqual({
      status: 'ok',
      checks: { database: 'up', redis: 'up', schedules: 'up' },
      lastSweepAgeSeconds: expect.any(Number),
    });
    expect(ready.body.lastSweepAgeSeconds).toBeLessThan(30);
    const unknown = await call(healthUrl, 'GET', '/health/other');
    expect(unknown.status).toBe(404);
  });
});
