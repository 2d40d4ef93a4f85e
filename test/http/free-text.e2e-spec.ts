import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { schemaOf, superuser } from '../audit/helpers';
import { expectProblem } from '../support/problems';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { linkIn, startSmtp, TestSmtp } from '../support/smtp';
import { webhookOverrides } from '../support/webhooks';

const PASSWORD = 'cobalt-river-signal-64';
/** A name that would add lines and a link to an email. */
const ON_TWO_LINES = 'Eve\r\nYour account is closing: https://evil.example/keep';
/** Bidi override: reads "invoice_fdp.exe" as "invoiceexe.pdf". */
const REORDERED = 'invoice_\u202Efdp.exe';

/**
 * What users type into names and descriptions never becomes structure: control characters,
 * line breaks (where a line is all there is) and bidi overrides are refused, by field, on every
 * route that takes such text; and emails show names as quoted text on the line they belong to.
 */
describe('free text', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: RunningWorker;
  let root: string;
  let t: TestTenant;
  let userId: string;
  let roleId: string;
  let projectId: string;
  let endpointId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    const overrides = { ...ownQueues(), ...webhookOverrides(), SMTP_URL: smtp.url };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    root = await superAdminToken(api);
    t = await createTenant(api, root);
    const user = await api.call('POST', '/api/v1/users', {
      token: t.token,
      body: { email: `${uniqueSlug('u')}@people.test`, name: 'Plain Name', password: PASSWORD },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    userId = user.body.id;
    const role = await api.call('POST', '/api/v1/roles', {
      token: t.token,
      body: { key: `r_${randomBytes(3).toString('hex')}`, name: 'Readers', permissions: ['projects:read'] },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    roleId = role.body.id;
    const project = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: 'Apollo' } });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    projectId = project.body.id;
    const endpoint = await api.call('POST', '/api/v1/webhooks/endpoints', {
      token: t.token,
      body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['*'] },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    endpointId = endpoint.body.id;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  const email = () => `${uniqueSlug('x')}@people.test`;

  /** [label, method, path, platform?, body with the text under test, field named in the error]. */
  const cases = (text: string): [string, string, () => string, boolean, () => Record<string, unknown>, string][] => [
    ['user create', 'POST', () => '/api/v1/users', false, () => ({ email: email(), name: text, password: PASSWORD }), 'name'],
    ['user update', 'PATCH', () => `/api/v1/users/${userId}`, false, () => ({ name: text }), 'name'],
    ['own profile', 'PATCH', () => '/api/v1/users/me', false, () => ({ name: text }), 'name'],
    ['invitation', 'POST', () => '/api/v1/users/invite', false, () => ({ email: email(), name: text }), 'name'],
    [
      'bulk invitation',
      'POST',
      () => '/api/v1/users/bulk',
      false,
      () => ({ users: [{ email: email(), name: text }] }),
      'users.0.name',
    ],
    [
      'invitation accept',
      'POST',
      () => '/api/v1/auth/invitations/accept',
      false,
      () => ({ token: 'inv_x', password: PASSWORD, name: text }),
      'name',
    ],
    [
      'role create',
      'POST',
      () => '/api/v1/roles',
      false,
      () => ({ key: `k_${randomBytes(3).toString('hex')}`, name: text, permissions: ['projects:read'] }),
      'name',
    ],
    ['role update', 'PATCH', () => `/api/v1/roles/${roleId}`, false, () => ({ name: text }), 'name'],
    ['project create', 'POST', () => '/api/v1/projects', false, () => ({ name: text }), 'name'],
    ['project update', 'PATCH', () => `/api/v1/projects/${projectId}`, false, () => ({ name: text }), 'name'],
    ['document', 'POST', () => `/api/v1/projects/${projectId}/documents`, false, () => ({ title: text, body: 'b' }), 'title'],
    ['API key', 'POST', () => '/api/v1/api-keys', false, () => ({ name: text, scopes: ['projects:read'] }), 'name'],
    [
      'SSO provider',
      'POST',
      () => '/api/v1/sso/providers',
      false,
      () => ({ name: text, protocol: 'oidc', issuer: 'https://idp.example', clientId: 'c', clientSecret: 's' }),
      'name',
    ],
    [
      'tenant create',
      'POST',
      () => '/api/v1/platform/tenants',
      true,
      () => ({ name: text, slug: uniqueSlug('ft'), plan: 'starter', admin: { email: email(), name: 'A' } }),
      'name',
    ],
    [
      'tenant admin name',
      'POST',
      () => '/api/v1/platform/tenants',
      true,
      () => ({ name: 'Fine', slug: uniqueSlug('ft'), plan: 'starter', admin: { email: email(), name: text } }),
      'admin.name',
    ],
    ['tenant update', 'PATCH', () => `/api/v1/platform/tenants/${t.id}`, true, () => ({ name: text }), 'name'],
    [
      'staff create',
      'POST',
      () => '/api/v1/platform/users',
      true,
      () => ({ email: email(), name: text, password: PASSWORD, roles: ['support'] }),
      'name',
    ],
    [
      'impersonation reason',
      'POST',
      () => '/api/v1/platform/impersonations',
      true,
      () => ({ tenantId: t.id, userId, reason: `${text} long enough` }),
      'reason',
    ],
  ];

  /** Descriptions may have several lines, but never controls or bidi overrides. */
  const descriptions = (text: string): [string, string, () => string, () => Record<string, unknown>, string][] => [
    [
      'role description',
      'POST',
      () => '/api/v1/roles',
      () => ({ key: `d_${randomBytes(3).toString('hex')}`, name: 'D', description: text, permissions: ['projects:read'] }),
      'description',
    ],
    ['project description', 'POST', () => '/api/v1/projects', () => ({ name: 'P', description: text }), 'description'],
    [
      'webhook description',
      'POST',
      () => '/api/v1/webhooks/endpoints',
      () => ({ url: 'http://127.0.0.1:9/x', eventTypes: ['*'], description: text }),
      'description',
    ],
    [
      'webhook description update',
      'PATCH',
      () => `/api/v1/webhooks/endpoints/${endpointId}`,
      () => ({ description: text }),
      'description',
    ],
  ];

  it('refuses line breaks, controls and bidi overrides in names, naming the field', async () => {
    const wrong: string[] = [];
    for (const text of [
      ON_TWO_LINES,
      REORDERED,
      'tab\there',
      'bell\u0007',
      'del\u007f',
      'c1\u0085',
      'sep\u2028x',
      'iso\u2066x',
    ]) {
      for (const [label, method, path, platform, body, field] of cases(text)) {
        const res = await api.call(method, path(), { token: platform ? root : t.token, tenant: t.slug, body: body() });
        const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
        if (res.status !== 400 || res.body.code !== 'VALIDATION_FAILED' || !fields.includes(field))
          wrong.push(`${label} ${JSON.stringify(text)}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('refuses controls and bidi overrides in descriptions, and keeps their line breaks', async () => {
    for (const text of [REORDERED, 'bell\u0007', 'nul-free but \u001b[31mred']) {
      for (const [label, method, path, body, field] of descriptions(text)) {
        const res = await api.call(method, path(), { token: t.token, body: body() });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(
          res.body.errors.map((e: { field: string }) => e.field),
          label,
        ).toContain(field);
      }
    }
    const multiline = await api.call('POST', '/api/v1/projects', {
      token: t.token,
      body: { name: 'Zoë O\u2019Brien — 山田', description: 'Line one\nLine two\r\n\tindented' },
    });
    expect(multiline.status, JSON.stringify(multiline.body)).toBe(201);
    expect(multiline.body.description).toBe('Line one\nLine two\r\n\tindented');
  });

  it('shows a hostile name already stored (from before the rule) as quoted text in the invitation email', async () => {
    // Names stored before the rule (or taken from an identity provider) can still hold anything.
    const pg = await superuser();
    const adminId = JSON.parse(Buffer.from(t.token.split('.')[1], 'base64url').toString()).sub as string;
    await pg.query(`UPDATE "${schemaOf(t.id)}".users SET name = $1 WHERE id = $2`, [
      `${ON_TWO_LINES}\r\n<a href="https://evil.example">\u202Eclick`,
      adminId,
    ]);
    await pg.end();
    const to = email();
    const invited = await api.call('POST', '/api/v1/users/invite', { token: t.token, body: { email: to } });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const mail = await smtp.waitFor(to, (m) => m.subject.includes('invited'));
    const link = linkIn(mail, '/accept-invitation');

    const lines = mail.text.split(/\r?\n/);
    const line = lines.find((l) => l.includes('invited you to'))!;
    expect(line.startsWith('\u201CEve Your account is closing: https:\u2215\u2215evil\u2024example')).toBe(true);
    expect(lines.filter((l) => /closing/.test(l))).toHaveLength(1);
    // The product's link is the only link in either part, and comes after the sentence with the name.
    expect(mail.text.match(/https?:\/\/[^\s]+/g)).toEqual([link.toString()]);
    expect(mail.html.match(/<a\b/g)).toHaveLength(1);
    expect(mail.html).not.toMatch(/evil\.example|\u202E/);
    expect(mail.text).not.toMatch(/evil\.example|\u202E/);
  });
});
