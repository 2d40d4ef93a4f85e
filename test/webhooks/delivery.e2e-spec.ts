import { Client } from 'pg';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { startSmtp, TestSmtp } from '../support/smtp';
import { ReceivedHook, WebhookReceiver } from '../support/webhook-receiver';
import { attemptsOf, auditEvents, createEndpoint, deliveryOf, verify, webhookOverrides } from '../support/webhooks';

const SCHEDULE = [0, 150, 300, 450];

/**
 * Delivery end to end: the API writes events, the worker's relay queues them and its processor
 * POSTs them to a real HTTP receiver on 127.0.0.1, signed per Standard Webhooks, with retries on
 * the schedule WEBHOOK_RETRY_DELAYS_MS (here 0, 150, 300, 450 ms: four attempts).
 */
describe('webhook delivery', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let receiver: WebhookReceiver;
  let smtp: TestSmtp;
  let pg: Client;
  let root: string;
  let tenant: TestTenant;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    smtp = await startSmtp();
    const overrides = {
      ...ownQueues(),
      ...webhookOverrides({ WEBHOOK_RETRY_DELAYS_MS: SCHEDULE.join(',') }),
      SMTP_URL: smtp.url,
    };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    root = await superAdminToken(api);
    tenant = await createTenant(api, root);
    // Each case makes endpoints of its own: more than the plan's ten.
    const limits = await api.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, {
      token: root,
      body: { limitOverrides: { webhookEndpoints: 50 } },
    });
    expect(limits.status).toBe(200);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await smtp?.close();
    await pg?.end();
  });

  const schema = (t: TestTenant) => `t_${t.id.replace(/-/g, '')}`;
  const ping = async (endpointId: string): Promise<string> => {
    const res = await api.call('POST', `/api/v1/webhooks/endpoints/${endpointId}/test`, { token: tenant.token });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.eventType).toBe('webhook.test');
    return res.body.id;
  };
  const project = async (t: TestTenant, name = `p-${uniqueSlug()}`) => {
    const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; name: string };
  };

  it('signs each message so the Standard Webhooks reference library verifies it, and not with another secret', async () => {
    const { id, secret } = await createEndpoint(api, tenant, receiver.url('/signed'), ['project.*']);
    const made = await project(tenant);
    const [hook] = await receiver.waitFor('/signed');
    const payload = verify(hook, secret) as any;
    expect(payload).toEqual({
      type: 'project.created',
      timestamp: expect.any(String),
      data: { id: made.id, name: made.name, description: '', createdBy: expect.any(String) },
    });
    expect(JSON.parse(hook.body)).toEqual(payload);
    expect(Math.abs(Date.parse(payload.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(hook.body, hook.headers as any)).toThrow(
      WebhookVerificationError,
    );
    const tampered = hook.body.replace(made.name, `${made.name}-changed`);
    expect(tampered).not.toBe(hook.body);
    expect(() => verify({ ...hook, body: tampered }, secret)).toThrow(WebhookVerificationError);
    expect(hook.headers['user-agent']).toBe('Stratum-Webhooks/1.0');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(hook.headers['webhook-timestamp']) * 1000 - hook.at)).toBeLessThan(2000);

    // webhook-id is the message's id in the delivery log.
    const log = await api.call('GET', `/api/v1/webhooks/messages?endpointId=${id}`, { token: tenant.token });
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ id: hook.webhookId, eventType: 'project.created' });
    const delivery = await deliveryOf(api, tenant, hook.webhookId, id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
  });

  it("sends only the types an endpoint subscribed to, and only to the tenant's own endpoints", async () => {
    const other = await createTenant(api, root);
    const created = await createEndpoint(api, tenant, receiver.url('/a-created'), ['project.created']);
    const users = await createEndpoint(api, tenant, receiver.url('/a-users'), ['user.*']);
    const disabled = await createEndpoint(api, tenant, receiver.url('/a-disabled'), ['*'], { enabled: false });
    const theirs = await createEndpoint(api, other, receiver.url('/b-all'), ['*']);

    const mine = await project(tenant);
    const renamed = await api.call('PATCH', `/api/v1/projects/${mine.id}`, { token: tenant.token, body: { name: 'renamed' } });
    expect(renamed.status).toBe(200);
    const email = `u-${uniqueSlug()}@${tenant.slug}.test`;
    const user = await api.call('POST', '/api/v1/users', {
      token: tenant.token,
      body: { email, name: 'Una', password: 'a-long-enough-password-1', roles: ['viewer'] },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const theirProject = await project(other);

    // Everything the tenant wrote has settled in its log: each message's deliveries are done.
    const settled = await eventually(async () => {
      const res = await api.call('GET', '/api/v1/webhooks/messages?limit=100', { token: tenant.token });
      const items = res.body.items.filter((m: any) =>
        m.deliveries.some((d: any) => [created.id, users.id].includes(d.endpointId)),
      );
      return items.length >= 2 && items.every((m: any) => m.deliveries.every((d: any) => d.status === 'succeeded'))
        ? items
        : null;
    });
    expect(settled.map((m: any) => m.eventType).sort()).toEqual(['project.created', 'user.created']);
    await receiver.waitFor('/b-all');

    expect(receiver.at('/a-created').map((h) => [h.json.type, h.json.data.id])).toEqual([['project.created', mine.id]]);
    expect(receiver.at('/a-users').map((h) => [h.json.type, h.json.data.email])).toEqual([['user.created', email]]);
    expect(receiver.at('/a-disabled')).toEqual([]);
    expect(receiver.at('/b-all').map((h) => [h.json.type, h.json.data.id])).toEqual([['project.created', theirProject.id]]);
    verify(receiver.at('/b-all')[0], theirs.secret);
    expect(() => verify(receiver.at('/b-all')[0], created.secret)).toThrow(WebhookVerificationError);
    // Neither tenant sees the other's messages.
    const theirLog = await api.call('GET', '/api/v1/webhooks/messages?limit=100', { token: other.token });
    expect(theirLog.body.items.map((m: any) => m.data.id)).toEqual([theirProject.id]);
    const foreign = await api.call('GET', `/api/v1/webhooks/messages/${receiver.at('/a-created')[0].webhookId}`, {
      token: other.token,
    });
    expect(foreign.status).toBe(404);
    expect(disabled.id).toBeTruthy();
  });

  it('delivers on the third attempt to a receiver failing the first two, with the same webhook-id and a fresh timestamp each time', async () => {
    receiver.on('/flaky', (_hook, n) => (n < 2 ? { status: 500, body: `failure ${n + 1}` } : { status: 204 }));
    const { id, secret } = await createEndpoint(api, tenant, receiver.url('/flaky'));
    const messageId = await ping(id);
    const hooks = await receiver.waitFor('/flaky', 3);
    expect(hooks.map((h) => h.webhookId)).toEqual([messageId, messageId, messageId]);
    for (const hook of hooks) {
      expect(verify(hook, secret)).toMatchObject({ type: 'webhook.test', data: { endpointId: id } });
      expect(Math.abs(Number(hook.headers['webhook-timestamp']) * 1000 - hook.at)).toBeLessThan(1500);
    }
    expect(hooks[1].at - hooks[0].at).toBeGreaterThanOrEqual(SCHEDULE[1] - 20);
    expect(hooks[2].at - hooks[1].at).toBeGreaterThanOrEqual(SCHEDULE[2] - 20);

    const delivery = await deliveryOf(api, tenant, messageId, id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 204, lastError: null });
    const attempts = await attemptsOf(api, tenant, messageId, id);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'succeeded', 204],
    ]);
    expect(attempts[0]).toMatchObject({ endpointId: id, run: 1, error: null, responseExcerpt: 'failure 1' });
    for (const a of attempts) expect(a.latencyMs).toEqual(expect.any(Number));
    expect(await receiver.at('/flaky')).toHaveLength(3);
  });

  it('dead-letters a message after the last attempt, and tries no more', async () => {
    receiver.on('/down', () => ({ status: 500 }));
    const { id } = await createEndpoint(api, tenant, receiver.url('/down'));
    const messageId = await ping(id);
    const delivery = await deliveryOf(api, tenant, messageId, id);
    expect(delivery).toMatchObject({ status: 'dead', attempts: SCHEDULE.length, lastStatusCode: 500, nextAttemptAt: null });
    expect(delivery.lastError).toBe('HTTP 500');
    const attempts = await attemptsOf(api, tenant, messageId);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    const dead = await api.call('GET', `/api/v1/webhooks/messages?status=dead&endpointId=${id}`, { token: tenant.token });
    expect(dead.body.items.map((m: any) => m.id)).toEqual([messageId]);
    // The endpoint itself stays enabled: one dead letter is not an endpoint failing for days.
    const endpoint = await api.call('GET', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token });
    expect(endpoint.body).toMatchObject({ enabled: true, failingSince: expect.any(String) });
    // Nothing more arrives (a later attempt would show within twice the whole schedule).
    const count = receiver.at('/down').length;
    expect(count).toBe(SCHEDULE.length);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.at('/down')).toHaveLength(count);
  });

  it('disables an endpoint that answers 410 Gone, records it, and emails the tenant admins', async () => {
    receiver.on('/gone', () => ({ status: 410 }));
    const { id } = await createEndpoint(api, tenant, receiver.url('/gone'), ['project.*']);
    const first = await project(tenant);
    await receiver.waitFor('/gone');
    const endpoint = await eventually(async () => {
      const res = await api.call('GET', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token });
      return res.body.enabled === false ? res.body : null;
    });
    expect(endpoint.disabledReason).toBe('the receiver answered 410 Gone');
    const [event] = await eventually(() =>
      auditEvents(api, tenant, 'webhook_endpoint.disabled', id).then((e) => (e.length ? e : null)),
    );
    expect(event.actor).toMatchObject({ type: 'system', id: null });
    expect(event.metadata).toMatchObject({ reason: 'the receiver answered 410 Gone' });
    const mail = await smtp.waitFor(tenant.admin.email, (m) => m.subject.includes('webhook endpoint was disabled'));
    expect(mail.text).toContain(receiver.url('/gone'));
    expect(mail.text).toContain('410 Gone');
    // Only one attempt, and the endpoint is no longer sent anything.
    await project(tenant);
    const messages = await api.call('GET', `/api/v1/webhooks/messages?endpointId=${id}`, { token: tenant.token });
    expect(messages.body.items.map((m: any) => m.data.id)).toEqual([first.id]);
    expect(receiver.at('/gone')).toHaveLength(1);
  });

  it('waits at least as long as a 429 or 503 asks with Retry-After', async () => {
    receiver.on('/busy', (_h, n) =>
      n === 0
        ? { status: 429, headers: { 'retry-after': '1' } }
        : n === 1
          ? { status: 503, headers: { 'retry-after': new Date(Date.now() + 2500).toUTCString() } }
          : { status: 200 },
    );
    const { id } = await createEndpoint(api, tenant, receiver.url('/busy'));
    const messageId = await ping(id);
    const hooks = await receiver.waitFor('/busy', 3, 30_000);
    expect(hooks[1].at - hooks[0].at).toBeGreaterThanOrEqual(1000);
    // An HTTP date has whole seconds: at least the 1.5 s it surely still asked for.
    expect(hooks[2].at - hooks[1].at).toBeGreaterThanOrEqual(1500);
    const delivery = await deliveryOf(api, tenant, messageId, id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3 });
    const attempts = await attemptsOf(api, tenant, messageId);
    expect(attempts.map((a) => a.statusCode)).toEqual([429, 503, 200]);
  });

  it('sends a message again on request, and recovers what failed since a time', async () => {
    let up = false;
    receiver.on('/later', () => ({ status: up ? 200 : 500 }));
    const { id } = await createEndpoint(api, tenant, receiver.url('/later'));
    const first = await ping(id);
    await deliveryOf(api, tenant, first, id);

    // A retry while an attempt is under way is refused; a dead letter starts a new run.
    receiver.on('/held', () => ({ status: 200, delayMs: 1500 }));
    const held = await createEndpoint(api, tenant, receiver.url('/held'));
    const open = await ping(held.id);
    await receiver.waitFor('/held');
    const premature = await api.call('POST', `/api/v1/webhooks/messages/${open}/retry`, {
      token: tenant.token,
      body: { endpointId: held.id },
    });
    expect(premature.status).toBe(409);
    expect(premature.body).toMatchObject({ code: 'INVALID_STATE', detail: 'An attempt to that endpoint is still to come' });
    await deliveryOf(api, tenant, open, held.id);

    up = true;
    const retried = await api.call('POST', `/api/v1/webhooks/messages/${first}/retry`, { token: tenant.token, body: {} });
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect(retried.body.deliveries.find((d: any) => d.endpointId === id)).toMatchObject({ status: 'pending', attempts: 0 });
    const delivery = await deliveryOf(api, tenant, first, id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
    const attempts = await attemptsOf(api, tenant, first, id);
    expect(attempts.map((a) => [a.run, a.attempt, a.outcome])).toEqual([
      [1, 1, 'failed'],
      [1, 2, 'failed'],
      [1, 3, 'failed'],
      [1, 4, 'failed'],
      [2, 1, 'succeeded'],
    ]);
    const deliveredFirst = receiver.at('/later').filter((h) => h.webhookId === first);
    expect(deliveredFirst).toHaveLength(5);
    expect(await auditEvents(api, tenant, 'webhook_message.retried', first)).toHaveLength(1);
    const again = await api.call('POST', `/api/v1/webhooks/messages/${first}/retry`, { token: tenant.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');

    // Recovery: two more dead letters, one before `since` and one after.
    up = false;
    const older = await ping(id);
    await deliveryOf(api, tenant, older, id);
    await new Promise((r) => setTimeout(r, 50));
    const since = new Date();
    const newer = await ping(id);
    await deliveryOf(api, tenant, newer, id);
    up = true;
    const recovered = await api.call('POST', `/api/v1/webhooks/endpoints/${id}/recover`, {
      token: tenant.token,
      body: { since: since.toISOString() },
    });
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(202);
    expect(recovered.body).toEqual({ recovered: 1 });
    expect(await deliveryOf(api, tenant, newer, id)).toMatchObject({ status: 'succeeded' });
    expect((await deliveryOf(api, tenant, older, id)).status).toBe('dead');
    expect(
      receiver
        .at('/later')
        .filter((h) => h.webhookId === older)
        .every((h) => h.at < since.getTime()),
    ).toBe(true);
    const [recoveredEvent] = await auditEvents(api, tenant, 'webhook_endpoint.recovered', id);
    expect(recoveredEvent.metadata).toMatchObject({ recovered: 1, since: since.toISOString() });
    const future = await api.call('POST', `/api/v1/webhooks/endpoints/${id}/recover`, {
      token: tenant.token,
      body: { since: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(future.status).toBe(400);
  });

  it('signs with the old and the new secret for a day after a rotation, then with the new one only', async () => {
    const { id, secret: old } = await createEndpoint(api, tenant, receiver.url('/rotating'));
    const rotated = await api.call('POST', `/api/v1/webhooks/endpoints/${id}/rotate-secret`, { token: tenant.token });
    const fresh: string = rotated.body.secret;
    const during = await ping(id);
    const [hook] = await eventually(async () => {
      const hooks = receiver.at('/rotating').filter((h) => h.webhookId === during);
      return hooks.length ? hooks : null;
    });
    expect(String(hook.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(hook, old)).toBeTruthy();
    expect(verify(hook, fresh)).toBeTruthy();

    await pg.query(
      `UPDATE "${schema(tenant)}".webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const after = await ping(id);
    const [later] = await eventually(async () => {
      const hooks = receiver.at('/rotating').filter((h) => h.webhookId === after);
      return hooks.length ? hooks : null;
    });
    expect(String(later.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(later, fresh)).toBeTruthy();
    expect(() => verify(later, old)).toThrow(WebhookVerificationError);
  });

  it('checks the target again at delivery and records a refusal in the attempt log', async () => {
    const { id } = await createEndpoint(api, tenant, receiver.url('/moved'));
    // As if the host's DNS now answered a link-local address (the cloud metadata service).
    await pg.query(`UPDATE "${schema(tenant)}".webhook_endpoints SET url = $2 WHERE id = $1`, [
      id,
      'http://169.254.169.254/latest/meta-data/',
    ]);
    const messageId = await ping(id);
    const delivery = await deliveryOf(api, tenant, messageId, id);
    expect(delivery.status).toBe('dead');
    const attempts = await attemptsOf(api, tenant, messageId, id);
    expect(attempts).toHaveLength(SCHEDULE.length);
    for (const a of attempts) {
      expect(a).toMatchObject({
        outcome: 'refused',
        statusCode: null,
        latencyMs: 0,
        error: 'refused: 169.254.169.254 is not a public address (linkLocal)',
      });
    }
    expect(receiver.at('/moved')).toEqual([]);
  });

  it('disables an endpoint whose every attempt has failed for too long, and emails the tenant admins', async () => {
    receiver.on('/dying', () => ({ status: 502 }));
    const { id } = await createEndpoint(api, tenant, receiver.url('/dying'));
    const firstFailure = await ping(id);
    await deliveryOf(api, tenant, firstFailure, id);
    // Its failures began six days ago (more than WEBHOOK_DISABLE_AFTER_MS, five days by default).
    await pg.query(`UPDATE "${schema(tenant)}".webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`, [
      id,
    ]);
    const messageId = await ping(id);
    const delivery = await deliveryOf(api, tenant, messageId, id);
    expect(delivery).toMatchObject({ status: 'dead', attempts: 1 });
    const endpoint = await api.call('GET', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token });
    expect(endpoint.body.enabled).toBe(false);
    expect(endpoint.body.disabledReason).toMatch(/^every attempt has failed since /);
    const mail = await smtp.waitFor(tenant.admin.email, (m) => m.text.includes(receiver.url('/dying')));
    expect(mail.subject).toContain('webhook endpoint was disabled');
    expect(mail.html).toContain('every attempt has failed since');
    const [event] = await auditEvents(api, tenant, 'webhook_endpoint.disabled', id);
    expect(event.actor.type).toBe('system');

    // Enabled again, it is sent what it missed only on request.
    receiver.on('/dying', () => ({ status: 200 }));
    expect(
      (await api.call('PATCH', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token, body: { enabled: true } })).status,
    ).toBe(200);
    const recovered = await api.call('POST', `/api/v1/webhooks/endpoints/${id}/recover`, {
      token: tenant.token,
      body: { since: new Date(Date.now() - 3_600_000).toISOString() },
    });
    expect(recovered.body.recovered).toBe(2);
    await deliveryOf(api, tenant, messageId, id, (d) => d.status === 'succeeded');
    const enabled = await api.call('GET', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token });
    expect(enabled.body.failingSince).toBeNull();
  });

  describe('domain events of the product', () => {
    const seen = (type: string, match: (data: any) => boolean = () => true) =>
      eventually(async () => receiver.at('/everything').find((h: ReceivedHook) => h.json.type === type && match(h.json.data)));

    let secret: string;
    beforeAll(async () => {
      ({ secret } = await createEndpoint(api, tenant, receiver.url('/everything'), ['*']));
    });

    it('users: created, updated, deactivated, reactivated', async () => {
      const email = `ev-${uniqueSlug()}@${tenant.slug}.test`;
      const created = await api.call('POST', '/api/v1/users', {
        token: tenant.token,
        body: { email, name: 'Eve', password: 'a-long-enough-password-2', roles: ['member'] },
      });
      expect(created.status).toBe(201);
      const uid = created.body.id;
      expect((await seen('user.created', (d) => d.id === uid)).json.data).toEqual({
        id: uid,
        email,
        name: 'Eve',
        status: 'active',
      });
      await api.call('PATCH', `/api/v1/users/${uid}`, { token: tenant.token, body: { name: 'Eve Two' } });
      expect((await seen('user.updated', (d) => d.id === uid)).json.data.name).toBe('Eve Two');
      await api.call('POST', `/api/v1/users/${uid}/deactivate`, { token: tenant.token });
      expect((await seen('user.deactivated', (d) => d.id === uid)).json.data.status).toBe('deactivated');
      await api.call('POST', `/api/v1/users/${uid}/reactivate`, { token: tenant.token });
      const reactivated = await seen('user.reactivated', (d) => d.id === uid);
      expect(reactivated.json.data.status).toBe('active');
      expect(verify(reactivated, secret)).toBeTruthy();
      expect(JSON.stringify(receiver.at('/everything'))).not.toContain('a-long-enough-password-2');
    });

    it('roles: created, updated, assigned, unassigned, deleted', async () => {
      const user = await api.call('POST', '/api/v1/users', {
        token: tenant.token,
        body: { email: `r-${uniqueSlug()}@${tenant.slug}.test`, name: 'Rho', password: 'a-long-enough-password-3' },
      });
      const key = `role_${uniqueSlug().replace(/-/g, '_')}`;
      const role = await api.call('POST', '/api/v1/roles', {
        token: tenant.token,
        body: { key, name: 'Readers', permissions: ['projects:read'] },
      });
      expect(role.status, JSON.stringify(role.body)).toBe(201);
      const rid = role.body.id;
      expect((await seen('role.created', (d) => d.id === rid)).json.data).toEqual({
        id: rid,
        key,
        name: 'Readers',
        permissions: ['projects:read'],
      });
      await api.call('PATCH', `/api/v1/roles/${rid}`, {
        token: tenant.token,
        body: { permissions: ['projects:read', 'documents:read'] },
      });
      expect((await seen('role.updated', (d) => d.id === rid)).json.data.permissions).toEqual([
        'projects:read',
        'documents:read',
      ]);
      const assigned = await api.call('POST', `/api/v1/users/${user.body.id}/roles`, {
        token: tenant.token,
        body: { role: key },
      });
      expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
      expect((await seen('role.assigned', (d) => d.userId === user.body.id)).json.data).toMatchObject({ role: key, roleId: rid });
      expect((await api.call('DELETE', `/api/v1/users/${user.body.id}/roles/${key}`, { token: tenant.token })).status).toBe(204);
      await seen('role.unassigned', (d) => d.userId === user.body.id && d.role === key);
      expect((await api.call('DELETE', `/api/v1/roles/${rid}`, { token: tenant.token })).status).toBe(204);
      await seen('role.deleted', (d) => d.id === rid);
    });

    it('projects and documents: created, updated, deleted', async () => {
      const p = await project(tenant, 'Events');
      await seen('project.created', (d) => d.id === p.id);
      await api.call('PATCH', `/api/v1/projects/${p.id}`, { token: tenant.token, body: { description: 'now described' } });
      expect((await seen('project.updated', (d) => d.id === p.id)).json.data.description).toBe('now described');
      const doc = await api.call('POST', `/api/v1/projects/${p.id}/documents`, {
        token: tenant.token,
        body: { title: 'Spec', body: 'confidential body text' },
      });
      expect(doc.status, JSON.stringify(doc.body)).toBe(201);
      const docCreated = await seen('document.created', (d) => d.id === doc.body.id);
      expect(docCreated.json.data).toMatchObject({ id: doc.body.id, projectId: p.id, title: 'Spec' });
      expect(docCreated.body).not.toContain('confidential body text');
      await api.call('PATCH', `/api/v1/projects/${p.id}/documents/${doc.body.id}`, {
        token: tenant.token,
        body: { title: 'Spec 2' },
      });
      expect((await seen('document.updated', (d) => d.id === doc.body.id)).json.data.title).toBe('Spec 2');
      await api.call('DELETE', `/api/v1/projects/${p.id}/documents/${doc.body.id}`, { token: tenant.token });
      expect((await seen('document.deleted', (d) => d.id === doc.body.id)).json.data).toEqual({
        id: doc.body.id,
        projectId: p.id,
      });
      await api.call('DELETE', `/api/v1/projects/${p.id}`, { token: tenant.token });
      expect((await seen('project.deleted', (d) => d.id === p.id)).json.data).toEqual({ id: p.id });
    });

    it('API keys: created and revoked, never with their secret', async () => {
      const key = await api.call('POST', '/api/v1/api-keys', {
        token: tenant.token,
        body: { name: 'ci', scopes: ['projects:read'] },
      });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
      const created = await seen('api_key.created', (d) => d.id === key.body.id);
      expect(created.json.data).toMatchObject({ id: key.body.id, name: 'ci', scopes: ['projects:read'] });
      expect(created.body).not.toContain(key.body.secret);
      expect((await api.call('DELETE', `/api/v1/api-keys/${key.body.id}`, { token: tenant.token })).status).toBe(204);
      await seen('api_key.revoked', (d) => d.id === key.body.id);
    });

    it('the tenant: changed by its admin and by a super admin', async () => {
      const own = await api.call('PATCH', '/api/v1/tenant', { token: tenant.token, body: { settings: { lockoutMinutes: 45 } } });
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      await seen('tenant.updated', (d) => d.id === tenant.id);
      const before = receiver.at('/everything').filter((h) => h.json.type === 'tenant.updated').length;
      const renamed = await api.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, {
        token: root,
        body: { name: 'Renamed by staff' },
      });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      const byStaff = await seen('tenant.updated', (d) => d.name === 'Renamed by staff');
      expect(byStaff.json.data).toMatchObject({ id: tenant.id, slug: tenant.slug, plan: 'professional' });
      expect(receiver.at('/everything').filter((h) => h.json.type === 'tenant.updated')).toHaveLength(before + 1);
    });
  });
});
