import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { superAdminToken, uniqueSlug } from '../support/fixtures';
import { linkIn, startSmtp, TestSmtp } from '../support/smtp';

/** Emails go through the BullMQ `email` queue and the worker to a real SMTP server. */
describe('email delivery', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: RunningWorker;
  let root: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    const overrides = { ...ownQueues(), SMTP_URL: smtp.url, MAIL_ATTEMPTS: '5' };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    root = await superAdminToken(api);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  const provisionInvited = async (slug: string, email: string) => {
    const res = await api.call('POST', '/api/v1/platform/tenants', {
      token: root,
      body: { name: `Tenant ${slug}`, slug, plan: 'starter', admin: { email, name: 'Invited Admin' } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };

  it('invites the first admin of a tenant provisioned without a password, with a link that works once', async () => {
    const slug = uniqueSlug('mail');
    const email = `owner@${slug}.test`;
    await provisionInvited(slug, email);
    const mail = await smtp.waitFor(email, (m) => m.subject.includes('invited'));
    expect(mail.subject).toBe(`You are invited to Tenant ${slug}`);
    expect(mail.html).toContain('Accept the invitation');
    const link = linkIn(mail, '/accept-invitation');
    expect(link.origin).toBe('http://app.stratum.test');
    expect(link.searchParams.get('tenant')).toBe(slug);
    const token = link.searchParams.get('token')!;

    const before = await api.call('POST', '/api/v1/auth/login', {
      tenant: slug,
      body: { email, password: 'chosen-pass-phrase-1' },
    });
    expect(before.status).toBe(401);
    const accept = await api.call('POST', '/api/v1/auth/invitations/accept', {
      tenant: slug,
      body: { token, password: 'chosen-pass-phrase-1', name: 'Owner' },
    });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    expect(accept.body).toMatchObject({ email, name: 'Owner', status: 'active' });
    const again = await api.call('POST', '/api/v1/auth/invitations/accept', {
      tenant: slug,
      body: { token, password: 'another-pass-phrase-2' },
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_TOKEN');
    const login = await api.call('POST', '/api/v1/auth/login', {
      tenant: slug,
      body: { email, password: 'chosen-pass-phrase-1' },
    });
    expect(login.status).toBe(200);
  });

  it('retries when the SMTP server refuses, then delivers the message once', async () => {
    smtp.failNext(2);
    const refusedBefore = smtp.refused();
    const slug = uniqueSlug('retry');
    const email = `owner@${slug}.test`;
    await provisionInvited(slug, email);
    await smtp.waitFor(email, undefined, 30_000);
    expect(smtp.refused() - refusedBefore).toBe(2);
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });
});
