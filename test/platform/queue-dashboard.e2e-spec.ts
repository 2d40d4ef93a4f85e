import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, SUPERADMIN, testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { startSmtp, TestSmtp } from '../support/smtp';
import { launchChromium } from '../support/browser';

/** The queue dashboard in a real browser (Debian's Chromium): sign in, find the failed email, retry it. */
describe('queue dashboard in Chromium', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let smtp: TestSmtp;
  let tenant: TestTenant;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtp();
    const own = { ...ownQueues(), SMTP_URL: smtp.url, MAIL_ATTEMPTS: '1' };
    worker = await startWorker(testConfig(own));
    api = await startApi(own);
    tenant = await createTenant(api, await superAdminToken(api));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  it('a super admin signs in, sees the failed email and retries it', async () => {
    smtp.failNext(1);
    await api.call('POST', '/api/v1/auth/password-reset/request', { tenant: tenant.slug, body: { email: tenant.admin.email } });
    await eventually(async () => {
      const res = await api.call('GET', '/api/v1/platform/queues', { token: await superAdminToken(api) });
      return res.body.items.find((q: { name: string }) => q.name === 'email').counts.failed > 0;
    }, 20_000);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${api.url}/admin/queues/`);
    expect(page.url()).toBe(`${api.url}/admin/queues/sign-in`);
    await page.fill('#email', SUPERADMIN.email);
    await page.fill('#password', SUPERADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${api.url}/admin/queues/`);
    await page.goto(`${api.url}/admin/queues/queue/email?status=failed`);
    await page.getByText('password-reset').first().waitFor({ timeout: 15_000 });
    const html = await page.content();
    expect(html).not.toContain(tenant.admin.email);
    const sent = smtp.received.length;
    // The job card's actions are icon buttons named by a tooltip; the first is Retry.
    const retry = page.locator('[class*="button-GXX8BV"]').first();
    await retry.hover();
    await page.getByText('Retry', { exact: true }).waitFor();
    await retry.click();
    await page.getByText('Are you sure that you want to retry this job?').waitFor();
    await page.getByRole('button', { name: 'Confirm' }).click({ timeout: 3000 });
    await eventually(async () => smtp.received.length > sent, 15_000);
    expect(errors).toEqual([]);
    // Through the API's route: audited like a retry made there.
    const token = await superAdminToken(api);
    await eventually(async () => {
      const audit = await api.call('GET', '/api/v1/platform/audit-events?action=queue_job.retried', { token });
      return audit.body.items.some((e: { outcome: string }) => e.outcome === 'success');
    });
  });
});
