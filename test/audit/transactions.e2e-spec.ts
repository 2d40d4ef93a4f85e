import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { allEvents, eventsOfRequest, requestId, schemaOf, superuser, verify, waitForEvent } from './helpers';
import { expectProblem } from '../support/problems';

const jwtSubject = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

/**
 * A change and its event commit together or not at all; a failed request is still recorded, as
 * a failure with its error code, in a transaction of its own.
 */
describe('audit events and transactions', () => {
  let api: TestApi;
  let root: string;
  let t: TestTenant;
  let adminId: string;
  let pg: Client;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    t = await createTenant(api, root);
    adminId = jwtSubject(t.token);
    pg = await superuser();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  /** The chain's head and the trail behind it agree: positions 1..n, nothing skipped. */
  const expectContiguous = async (tenant: TestTenant) => {
    const schema = schemaOf(tenant.id);
    const { rows } = await pg.query(
      `SELECT (SELECT last_seq FROM "${schema}".audit_chain)::int AS head, count(*)::int AS n,
              min(seq)::int AS lo, max(seq)::int AS hi FROM "${schema}".audit_events`,
    );
    expect(rows[0]).toEqual({ head: rows[0].n, n: rows[0].n, lo: 1, hi: rows[0].n });
  };

  it('a request failing at commit, after its change and its event were written, leaves neither; the failure is recorded', async () => {
    const schema = schemaOf(t.id);
    // A deferred check that only fires when the transaction commits: the project row and the
    // project.created event are both in the transaction by then.
    await pg.query(`
      CREATE FUNCTION "${schema}".refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit' USING ERRCODE = '23514'; END $$`);
    await pg.query(`
      CREATE CONSTRAINT TRIGGER projects_refuse_at_commit AFTER INSERT ON "${schema}".projects
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.name LIKE 'refused at commit%')
        EXECUTE FUNCTION "${schema}".refuse_at_commit()`);
    try {
      const name = `refused at commit ${randomBytes(3).toString('hex')}`;
      const id = requestId('commit');
      const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name }, headers: { 'x-request-id': id } });
      expectProblem(res, 500, 'INTERNAL_ERROR');
      const failure = await waitForEvent(
        api,
        t.token,
        { action: 'project.created', outcome: 'failure' },
        (e) => e.requestId === id,
      );
      expect(failure).toMatchObject({
        actor: { type: 'user', id: adminId, email: t.admin.email },
        outcome: 'failure',
        errorCode: 'INTERNAL_ERROR',
        resource: { type: 'project' },
      });
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM "${schema}".projects WHERE name = $1`, [name]);
      expect(rows[0].n).toBe(0);
      const ofRequest = await eventsOfRequest(api, t.token, id);
      expect(ofRequest.map((e) => [e.action, e.outcome])).toEqual([['project.created', 'failure']]);
      // The rolled-back event's position was reused: the chain has no gap and verifies.
      await expectContiguous(t);
      expect(await verify(api, t.token)).toMatchObject({ valid: true, firstInvalidId: null });
    } finally {
      await pg.query(`DROP TRIGGER projects_refuse_at_commit ON "${schema}".projects`);
      await pg.query(`DROP FUNCTION "${schema}".refuse_at_commit()`);
    }
    // The same request succeeds once nothing refuses it, with its event.
    const id = requestId('commit-ok');
    const ok = await api.call('POST', '/api/v1/projects', {
      token: t.token,
      body: { name: 'accepted' },
      headers: { 'x-request-id': id },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await eventsOfRequest(api, t.token, id)).map((e) => [e.action, e.outcome, e.resource.id])).toEqual([
      ['project.created', 'success', ok.body.id],
    ]);
  });

  it('a request whose event cannot be appended (the statement sent with its commit) leaves no change; the failure is recorded', async () => {
    const schema = schemaOf(t.id);
    await pg.query(`
      CREATE FUNCTION "${schema}".refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'event refused' USING ERRCODE = '23514'; END $$`);
    await pg.query(`
      CREATE TRIGGER audit_events_refuse BEFORE INSERT ON "${schema}".audit_events
        FOR EACH ROW WHEN (NEW.action = 'project.created' AND NEW.outcome = 'success')
        EXECUTE FUNCTION "${schema}".refuse_event()`);
    const name = `event refused ${randomBytes(3).toString('hex')}`;
    const id = requestId('append');
    try {
      const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name }, headers: { 'x-request-id': id } });
      expectProblem(res, 500, 'INTERNAL_ERROR');
      await waitForEvent(api, t.token, { action: 'project.created', outcome: 'failure' }, (e) => e.requestId === id);
    } finally {
      await pg.query(`DROP TRIGGER audit_events_refuse ON "${schema}".audit_events`);
      await pg.query(`DROP FUNCTION "${schema}".refuse_event()`);
    }
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM "${schema}".projects WHERE name = $1`, [name]);
    expect(rows[0].n).toBe(0);
    expect((await eventsOfRequest(api, t.token, id)).map((e) => [e.action, e.outcome])).toEqual([['project.created', 'failure']]);
    await expectContiguous(t);
    expect(await verify(api, t.token)).toMatchObject({ valid: true, firstInvalidId: null });
    // The connection that carried the refused transaction serves the next request normally.
    const after = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `${name} later` } });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
  });

  it('LAST_ADMIN: the refused deactivation changes nothing and is recorded with its code', async () => {
    const id = requestId('last-admin');
    const res = await api.call('POST', `/api/v1/users/${adminId}/deactivate`, {
      token: t.token,
      headers: { 'x-request-id': id },
    });
    expectProblem(res, 409, 'LAST_ADMIN');
    const failure = await waitForEvent(api, t.token, { action: 'user.deactivated' }, (e) => e.requestId === id);
    expect(failure).toMatchObject({
      actor: { type: 'user', id: adminId, email: t.admin.email },
      resource: { type: 'user', id: adminId },
      outcome: 'failure',
      errorCode: 'LAST_ADMIN',
      severity: 'warning',
    });
    const { rows } = await pg.query(`SELECT status FROM "${schemaOf(t.id)}".users WHERE id = $1`, [adminId]);
    expect(rows[0].status).toBe('active');
    expect((await eventsOfRequest(api, t.token, id)).map((e) => e.outcome)).toEqual(['failure']);

    const unassign = requestId('last-admin-role');
    const taken = await api.call('DELETE', `/api/v1/users/${adminId}/roles/tenant_admin`, {
      token: t.token,
      headers: { 'x-request-id': unassign },
    });
    expectProblem(taken, 409, 'LAST_ADMIN');
    await waitForEvent(
      api,
      t.token,
      { action: 'role.unassigned', outcome: 'failure', resourceId: adminId },
      (e) => e.requestId === unassign && e.errorCode === 'LAST_ADMIN',
    );
    const me = await api.call('GET', '/api/v1/users/me', { token: t.token });
    expect(me.body.roles).toContain('tenant_admin');
    await expectContiguous(t);
  });

  it('a constraint violation: the duplicate role is refused, recorded as CONFLICT, and the first one stays alone', async () => {
    const key = `dup_${randomBytes(3).toString('hex')}`;
    const first = await api.call('POST', '/api/v1/roles', {
      token: t.token,
      body: { key, name: 'First', permissions: ['projects:read'] },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const id = requestId('dup-role');
    const again = await api.call('POST', '/api/v1/roles', {
      token: t.token,
      body: { key, name: 'Second', permissions: ['projects:read'] },
      headers: { 'x-request-id': id },
    });
    expectProblem(again, 409, 'CONFLICT');
    const failure = await waitForEvent(api, t.token, { action: 'role.created', outcome: 'failure' }, (e) => e.requestId === id);
    expect(failure).toMatchObject({ errorCode: 'CONFLICT', resource: { type: 'role', id: null } });
    const { rows } = await pg.query(`SELECT name FROM "${schemaOf(t.id)}".roles WHERE key = $1`, [key]);
    expect(rows).toEqual([{ name: 'First' }]);
    const created = await allEvents(api, t.token, { action: 'role.created', outcome: 'success', resourceId: first.body.id });
    expect(created).toHaveLength(1);
  });

  it('a tenant whose provisioning fails after its schema was made leaves nothing behind; the platform trail has the failure', async () => {
    const slug = uniqueSlug('fail');
    const email = `admin@${slug}.test`;
    const id = requestId('provision');
    const res = await api.call('POST', '/api/v1/platform/tenants', {
      token: root,
      // Refused by the password policy (it contains the email) once the tenant's schema and role exist.
      body: { name: 'Doomed', slug, plan: 'starter', admin: { email, name: 'A', password: `${email}-and-more` } },
      headers: { 'x-request-id': id },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const failure = await waitForEvent(
      api,
      root,
      { action: 'tenant.provisioned', outcome: 'failure' },
      (e) => e.requestId === id,
      true,
    );
    expect(failure).toMatchObject({
      actor: { type: 'platform_user', id: jwtSubject(root) },
      errorCode: 'VALIDATION_FAILED',
      resource: { type: 'tenant', id: null },
    });
    const { rows } = await pg.query('SELECT count(*)::int AS n FROM platform.tenants WHERE slug = $1', [slug]);
    expect(rows[0].n).toBe(0);
    expect((await eventsOfRequest(api, root, id, true)).map((e) => e.outcome)).toEqual(['failure']);
    expect(await verify(api, root, true)).toMatchObject({ valid: true });
  });
});
