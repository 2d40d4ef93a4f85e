import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { linkIn, TestSmtp } from '../support/smtp';
import { MailStack, startMailStack } from '../support/stack';
import { auditEvents } from '../support/webhooks';
import { launchChromium } from '../support/browser';

const PUBLIC_API_URL = 'http://api.stratum.test';
const PASSWORD = 'amber-falcon-orchard-42';
const NEW_PASSWORD = 'quiet-meadow-lantern-77';

/**
 * The built-in account pages, as a person uses them: the emailed link (PUBLIC_APP_URL unset, so it
 * points at the API itself) opened in Chromium, the form filled in and sent, then the API agrees.
 */
describe('account pages in Chromium', () => {
  let stack: MailStack;
  let smtp: TestSmtp;
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startMailStack({ PUBLIC_APP_URL: '', PUBLIC_API_URL });
    ({ smtp, api } = stack);
    tenant = await createTenant(api, stack.root);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** The emailed link to `path`: under PUBLIC_API_URL, opened on the test server (same path and query). */
  const emailedLink = async (to: string, subject: string, path: string): Promise<string> => {
    const link = linkIn(await smtp.waitFor(to, (m) => m.subject === subject), path);
    expect(link.origin).toBe(PUBLIC_API_URL);
    expect(link.searchParams.get('tenant')).toBe(tenant.slug);
    return `${api.url}${link.pathname}${link.search}`;
  };

  /** Opens a page, collecting script errors and what the browser refused (CSP); an error page's own status is no problem. */
  const open = async (url: string): Promise<{ page: Page; problems: string[] }> => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
    });
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).toContain("form-action 'self'");
    expect(headers['cache-control']).toBe('no-store');
    expect(await page.textContent('.brand')).toBe(`Tenant ${tenant.slug}`);
    return { page, problems };
  };

  it('an invitation: the emailed link, a name and a password, then the invitee logs in; the link works once', async () => {
    const email = `${uniqueSlug('guest')}@people.test`;
    const invited = await api.call('POST', '/api/v1/users/invite', { token: tenant.token, body: { email } });
    expect(invited.status).toBe(201);
    const url = await emailedLink(email, `You are invited to Tenant ${tenant.slug}`, '/accept-invitation');

    const { page, problems } = await open(url);
    expect(await page.textContent('h1')).toBe('Accept your invitation');
    await page.fill('#name', 'Grace <Hopper>');
    await page.fill('#password', 'short');
    await page.fill('#confirmPassword', 'short');
    // The browser's own check refuses a short password; the server's policy is what is tested next.
    await page.$eval('form', (f) => f.setAttribute('novalidate', ''));
    await page.click('button[type=submit]');
    expect(await page.textContent('.error')).toMatch(/12 characters/);
    // The form comes back with what was typed (escaped), and the token still works.
    expect(await page.inputValue('#name')).toBe('Grace <Hopper>');
    await page.fill('#password', PASSWORD);
    await page.fill('#confirmPassword', PASSWORD);
    await page.click('button[type=submit]');
    expect(await page.textContent('.done')).toContain('Your account is ready');
    expect(page.url()).not.toContain('token=');
    expect(problems).toEqual([]);

    const token = await login(api, tenant.slug, email, PASSWORD);
    const me = await api.call('GET', '/api/v1/users/me', { token });
    expect(me.body).toMatchObject({ email, name: 'Grace <Hopper>', status: 'active' });
    // Audited as the API route is: the refused try and the acceptance, naming the user.
    const events = await auditEvents(api, tenant, 'auth.invitation.accepted');
    expect(events.filter((e) => e.resource.id === me.body.id && e.resource.type === 'user').map((e) => e.outcome)).toEqual([
      'success',
    ]);
    expect(events.some((e) => e.outcome === 'failure' && e.errorCode === 'VALIDATION_FAILED')).toBe(true);

    // The same link again: used up, said so on the page, no form.
    const again = await browser.newPage();
    await again.goto(url);
    await again.fill('#password', NEW_PASSWORD);
    await again.fill('#confirmPassword', NEW_PASSWORD);
    const answer = again.waitForResponse((r) => r.request().method() === 'POST');
    await again.click('button[type=submit]');
    expect((await answer).status()).toBe(400);
    expect(await again.textContent('.error')).toBe('Invalid or expired link');
    expect(await again.$('form')).toBeNull();
    await expect(login(api, tenant.slug, email, NEW_PASSWORD)).rejects.toThrow();
  });

  it('a password reset: the emailed link, a new password, then login works with it alone', async () => {
    const user = await invitedAndAccepted();
    const requested = await api.call('POST', '/api/v1/auth/password-reset/request', {
      tenant: tenant.slug,
      body: { email: user.email },
    });
    expect(requested.status).toBe(202);
    const url = await emailedLink(user.email, `Reset your Tenant ${tenant.slug} password`, '/reset-password');

    const { page, problems } = await open(url);
    expect(await page.textContent('h1')).toBe('Choose a new password');
    await page.fill('#password', NEW_PASSWORD);
    await page.fill('#confirmPassword', `${NEW_PASSWORD}x`);
    await page.click('button[type=submit]');
    expect(await page.textContent('.error')).toBe('The two passwords differ');
    await page.fill('#password', NEW_PASSWORD);
    await page.fill('#confirmPassword', NEW_PASSWORD);
    await page.click('button[type=submit]');
    expect(await page.textContent('.done')).toContain('Your password is changed');
    expect(problems).toEqual([]);

    await login(api, tenant.slug, user.email, NEW_PASSWORD);
    await expect(login(api, tenant.slug, user.email, PASSWORD)).rejects.toThrow();
  });

  it('an expired reset link shows the problem, and changes nothing', async () => {
    const user = await invitedAndAccepted();
    await api.call('POST', '/api/v1/auth/password-reset/request', { tenant: tenant.slug, body: { email: user.email } });
    const url = await emailedLink(user.email, `Reset your Tenant ${tenant.slug} password`, '/reset-password');
    await stack.pg.query(`UPDATE ${schema()}.user_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
      user.id,
    ]);

    const { page } = await open(url);
    await page.fill('#password', NEW_PASSWORD);
    await page.fill('#confirmPassword', NEW_PASSWORD);
    await page.click('button[type=submit]');
    expect(await page.textContent('.error')).toBe('Invalid or expired link');
    await login(api, tenant.slug, user.email, PASSWORD);
  });

  it('email verification: the emailed link and one click', async () => {
    const user = await invitedAndAccepted();
    await stack.pg.query(`UPDATE ${schema()}.users SET email_verified_at = NULL WHERE id = $1`, [user.id]);
    expect((await api.call('POST', '/api/v1/auth/verify-email/request', { token: user.token })).status).toBe(202);
    const url = await emailedLink(user.email, `Confirm your email for Tenant ${tenant.slug}`, '/verify-email');

    const { page, problems } = await open(url);
    // Opening the link (as a mail scanner would) verifies nothing yet.
    expect((await api.call('GET', '/api/v1/users/me', { token: user.token })).body.emailVerified).toBe(false);
    await page.click('button[type=submit]');
    expect(await page.textContent('.done')).toBe('Your email address is confirmed.');
    expect(problems).toEqual([]);
    expect((await api.call('GET', '/api/v1/users/me', { token: user.token })).body.emailVerified).toBe(true);
  });

  it('a link naming no tenant, or no token, says so on a page of the same shape', async () => {
    const unknown = await browser.newPage();
    const res = await unknown.goto(`${api.url}/reset-password?tenant=${uniqueSlug('nobody')}&token=pr_${'a'.repeat(40)}`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()['content-type']).toContain('text/html');
    expect(await unknown.textContent('.error')).toMatch(/No tenant matches/);
    expect(await unknown.$('form')).toBeNull();

    const tokenless = await browser.newPage();
    const res2 = await tokenless.goto(`${api.url}/verify-email?tenant=${tenant.slug}`);
    expect(res2?.status()).toBe(400);
    expect(await tokenless.textContent('.error')).toBe('Invalid or expired link');
  });

  const schema = () => `t_${tenant.id.replace(/-/g, '')}`;

  /** A user who accepted an invitation (through the API) with PASSWORD, and its access token. */
  async function invitedAndAccepted(): Promise<{ id: string; email: string; token: string }> {
    const email = `${uniqueSlug('user')}@people.test`;
    const invited = await api.call('POST', '/api/v1/users/invite', { token: tenant.token, body: { email } });
    const link = linkIn(
      await smtp.waitFor(email, (m) => m.subject === `You are invited to Tenant ${tenant.slug}`),
      '/accept-invitation',
    );
    const accepted = await api.call('POST', '/api/v1/auth/invitations/accept', {
      tenant: tenant.slug,
      body: { token: link.searchParams.get('token'), password: PASSWORD },
    });
    expect(accepted.status).toBe(200);
    return { id: invited.body.userId, email, token: await login(api, tenant.slug, email, PASSWORD) };
  }
});

describe('account pages under the limits of the routes they stand for', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({
      PUBLIC_APP_URL: '',
      RATE_LIMIT_PASSWORD_RESET_PER_MINUTE: '2',
      REDIS_KEY_PREFIX: `${uniqueSlug('pages')}`,
    });
  });
  afterAll(() => api?.close());

  it('the reset form and the reset route share one count per address; over it, the page says so with Retry-After', async () => {
    const tenant = await createTenant(api, await superAdminToken(api));
    const confirm = { token: `pr_${'a'.repeat(40)}`, password: NEW_PASSWORD };
    const viaApi = await api.call('POST', '/api/v1/auth/password-reset/confirm', { tenant: tenant.slug, body: confirm });
    expect(viaApi.status).toBe(400);
    const form = () =>
      fetch(`${api.url}/reset-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ tenant: tenant.slug, ...confirm, confirmPassword: NEW_PASSWORD }),
      });
    expect((await form()).status).toBe(400);
    const refused = await form();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(await refused.text()).toContain('Too many password-reset requests');
  });
});
