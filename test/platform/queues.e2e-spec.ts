import type { AppConfig } from '@stratum/config';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { startSmtp, TestSmtp } from '../support/smtp';

/**
 * Support staff see the background queues through the platform API: an email the SMTP server
 * refused (one attempt allowed) is listed as failed, without its content; a super admin retries
 * it, the worker sends it, and the retry is in the platform audit log.
 */
describe('platform queues', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let smtp: TestSmtp;
  let root: string;
  let support: string;
  let tenant: TestTenant;

  beforeAll(async () => {
    smtp = await startSmtp();
    const own = { ...ownQueues(), SMTP_URL: smtp.url, MAIL_ATTEMPTS: '1' };
    const config: AppConfig = testConfig(own);
    worker = await startWorker(config);
    api = await startApi(own);
    root = await superAdminToken(api);
    tenant = await createTenant(api, root);
    const email = `support.${randomBytes(3).toString('hex')}@stratum.test`;
    const password = 'support-staff-password-1';
    const created = await api.call('POST', '/api/v1/platform/users', {
      token: root,
      body: { email, name: 'Queue Support', roles: ['support'], password },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const login = await api.call('POST', '/api/v1/platform/auth/login', { body: { email, password } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    support = login.body.accessToken;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  const failedEmails = async (token: string) => {
    const res = await api.call('GET', '/api/v1/platform/queues/email/jobs?state=failed', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Record<string, unknown>[];
  };

  const delayedMaintenance = (atLeast: number) =>
    eventually(async () => {
      const res = await api.call('GET', '/api/v1/platform/queues/maintenance/jobs?state=delayed&limit=100', { token: support });
      expect(res.status).toBe(200);
      const items = res.body.items as { id: string }[];
      return items.length >= atLeast ? items : null;
    });

  it('lists a failed email without its content, and a super admin retries it', async () => {
    smtp.failNext(1);
    const reset = await api.call('POST', '/api/v1/auth/password-reset/request', {
      tenant: tenant.slug,
      body: { email: tenant.admin.email },
    });
    expect(reset.status).toBe(202);

    const [job] = await eventually(async () => {
      const items = (await failedEmails(support)).filter((j) => j.tenantName === `Tenant ${tenant.slug}`);
      return items.length ? items : null;
    }, 20_000);
    expect(smtp.refused()).toBe(1);
    expect(job).toEqual({
      id: expect.any(String),
      queue: 'email',
      type: 'password-reset',
      state: 'failed',
      tenantId: null,
      tenantName: `Tenant ${tenant.slug}`,
      attempts: 1,
      maxAttempts: 1,
      lastError: expect.stringContaining('Try again later'),
      createdAt: expect.any(String),
      processedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    // Neither the address nor the one-time link leaves the queue.
    const listed = JSON.stringify(await failedEmails(support));
    expect(listed).not.toContain(tenant.admin.email);
    expect(listed).not.toContain('reset-password');

    const queues = await api.call('GET', '/api/v1/platform/queues', { token: support });
    expect(queues.status).toBe(200);
    expect(queues.body.items.map((q: { name: string }) => q.name).sort()).toEqual(['email', 'maintenance', 'webhooks']);
    const emailQueue = queues.body.items.find((q: { name: string }) => q.name === 'email');
    expect(emailQueue.counts.failed).toBeGreaterThanOrEqual(1);
    expect(emailQueue.paused).toBe(false);

    // Support staff read; only super admins retry.
    const refused = await api.call('POST', `/api/v1/platform/queues/email/jobs/${job.id as string}/retry`, { token: support });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    const retried = await api.call('POST', `/api/v1/platform/queues/email/jobs/${job.id as string}/retry`, { token: root });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ id: job.id, queue: 'email', type: 'password-reset', attempts: 0 });
    expect(['waiting', 'active', 'completed', 'unknown']).toContain(retried.body.state);

    const mail = await smtp.waitFor(tenant.admin.email);
    expect(mail.text).toContain('/reset-password');
    // Sent emails are removed: nothing failed is left, and a second retry finds no job.
    await eventually(async () => !(await failedEmails(support)).some((j) => j.id === job.id));
    const again = await api.call('POST', `/api/v1/platform/queues/email/jobs/${job.id as string}/retry`, { token: root });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('NOT_FOUND');

    // Support's refused attempt, the retry, and the second one that found the job gone (failures are
    // recorded in a transaction of their own, which may end after the answer).
    type Event = { resource: { id: string }; outcome: string; errorCode: string | null };
    const events = await eventually(async () => {
      const audit = await api.call('GET', '/api/v1/platform/audit-events?action=queue_job.retried', { token: root });
      expect(audit.status).toBe(200);
      const mine = (audit.body.items as Event[]).filter((e) => e.resource.id === job.id);
      return mine.length === 3 ? mine : null;
    });
    expect(events.map((e) => e.errorCode ?? e.outcome).sort()).toEqual(['FORBIDDEN', 'NOT_FOUND', 'success']);
    expect(events.find((e) => e.outcome === 'success')).toMatchObject({
      resource: { type: 'queue_job' },
      metadata: expect.objectContaining({ queue: 'email', type: 'password-reset' }),
    });
  });

  it('refuses a job that has not failed, an unknown queue, and tenant users', async () => {
    // The worker's schedulers keep their next runs in the delayed set.
    const [delayed] = await delayedMaintenance(1);
    const res = await api.call('POST', `/api/v1/platform/queues/maintenance/jobs/${encodeURIComponent(delayed.id)}/retry`, {
      token: root,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_STATE');
    const unknown = await api.call('GET', '/api/v1/platform/queues/nope/jobs', { token: support });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const badState = await api.call('GET', '/api/v1/platform/queues/email/jobs?state=broken', { token: support });
    expect(badState.status).toBe(400);
    const tenantUser = await api.call('GET', '/api/v1/platform/queues', { token: tenant.token });
    expect(tenantUser.status).toBe(403);
  });

  it('pages through jobs with a cursor', async () => {
    const all = await delayedMaintenance(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await api.call('GET', `/api/v1/platform/queues/maintenance/jobs?state=delayed&limit=1${query}`, {
        token: support,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBe(1);
      seen.push(page.body.items[0].id as string);
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(all.map((j) => j.id));
    const garbage = await api.call('GET', '/api/v1/platform/queues/email/jobs?cursor=garbage!!', { token: support });
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('VALIDATION_FAILED');
  });

  describe('dashboard', () => {
    const base = () => `${api.url}/admin/queues`;
    const signIn = async (token: string) => {
      const res = await fetch(`${base()}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessToken: token }),
      });
      expect(res.status).toBe(204);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      return cookie.split(';')[0];
    };
    const dashboard = (path: string, cookie: string, init: RequestInit = {}) =>
      fetch(`${base()}${path}`, { redirect: 'manual', ...init, headers: { cookie, ...init.headers } });

    it('sends strangers and tenant users to the sign-in page', async () => {
      const page = await dashboard('/', '');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/admin/queues/sign-in');
      const form = await fetch(`${base()}/sign-in`);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('<form id="sign-in">');
      const asTenant = await fetch(`${base()}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessToken: tenant.token }),
      });
      expect(asTenant.status).toBe(401);
      expect((await dashboard('/api/queues', 'stratum_queues=forged.token.value')).status).toBe(401);
    });

    it('shows support a failed job without its data, read-only; super admins retry it, audited', async () => {
      smtp.failNext(1);
      const sentBefore = smtp.received.length;
      await api.call('POST', '/api/v1/auth/password-reset/request', { tenant: tenant.slug, body: { email: tenant.admin.email } });
      const supportCookie = await signIn(support);
      const page = await dashboard('/', supportCookie);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');

      type BoardJob = { id: string; name: string; data: unknown };
      const failedOnBoard = async (cookie: string) => {
        const res = await dashboard('/api/queues?activeQueue=email&status=failed&page=1&jobsPerPage=50', cookie);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { queues: { name: string; readOnlyMode: boolean; jobs: BoardJob[] }[] };
        return body.queues.find((q) => q.name === 'email')!;
      };
      const { job, queue } = await eventually(async () => {
        const q = await failedOnBoard(supportCookie);
        const found = q.jobs.find((j) => j.name === 'password-reset');
        return found ? { job: found, queue: q } : null;
      }, 20_000);
      expect(queue.readOnlyMode).toBe(true);
      expect(job.data).toEqual({ tenantId: null, tenantName: `Tenant ${tenant.slug}` });
      expect(JSON.stringify(queue)).not.toContain(tenant.admin.email);

      const retryPath = `/api/queues/email/${encodeURIComponent(job.id)}/retry`;
      expect((await dashboard(retryPath, supportCookie, { method: 'PUT' })).status).toBe(403);

      const rootCookie = await signIn(root);
      expect((await failedOnBoard(rootCookie)).readOnlyMode).toBe(false);
      // Only retries: the board's other writes are refused even to super admins.
      expect((await dashboard('/api/queues/email/clean/failed', rootCookie, { method: 'PUT' })).status).toBe(403);
      expect((await dashboard('/api/queues/email/obliterate', rootCookie, { method: 'PUT' })).status).toBe(403);
      const retried = await dashboard(retryPath, rootCookie, { method: 'PUT' });
      expect(retried.status, await retried.clone().text()).toBe(200);
      await eventually(async () => smtp.received.length > sentBefore);
      await eventually(async () => {
        const audit = await api.call('GET', '/api/v1/platform/audit-events?action=queue_job.retried', { token: root });
        return (audit.body.items as { resource: { id: string }; outcome: string }[]).some(
          (e) => e.resource.id === job.id && e.outcome === 'success',
        );
      });
    });

    it('signs out', async () => {
      const res = await dashboard('/sign-out', await signIn(support), { method: 'POST' });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    });
  });
});
