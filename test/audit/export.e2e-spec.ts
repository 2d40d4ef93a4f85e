import { AuditDraft, AuditWriter } from '@stratum/audit';
import { poolStats } from '@stratum/database';
import { TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { allEvents, AuditEvent, Download, download, eventsOfRequest, query, requestId, verify, waitForEvent } from './helpers';
import { expectProblem } from '../support/problems';

const PASSWORD = 'willow-cobalt-harvest-63';
const CSV_COLUMNS = [
  'id',
  'seq',
  'occurredAt',
  'actorType',
  'actorId',
  'actorEmail',
  'impersonator',
  'action',
  'category',
  'severity',
  'resourceType',
  'resourceId',
  'outcome',
  'errorCode',
  'ip',
  'userAgent',
  'requestId',
  'changes',
  'metadata',
];

/** RFC 4180 parsing (quoted cells with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  expect(cell, 'the export ends with a line break').toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** The CSV cell of an event's field, as the export writes it. */
function csvValue(e: AuditEvent, column: string): string {
  const flat: Record<string, unknown> = {
    ...e,
    actorType: e.actor.type,
    actorId: e.actor.id,
    actorEmail: e.actor.email,
    resourceType: e.resource.type,
    resourceId: e.resource.id,
  };
  const value = flat[column];
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The streamed export: CSV and JSON Lines with the search's filters, its headers, its own audit
 * event, and the plan feature it needs.
 */
describe('audit export', () => {
  let api: TestApi;
  let root: string;
  let t: TestTenant;
  const formulaAgent = `=HYPERLINK("http://evil.test/${randomBytes(2).toString('hex')}","x"),1`;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    t = await createTenant(api, root);
    // Some variety in the trail: projects, a user, a refusal, and a user agent a spreadsheet would run.
    for (let i = 0; i < 4; i++) {
      const res = await api.call('POST', '/api/v1/projects', {
        token: t.token,
        // Names are one line; descriptions may hold line breaks.
        body: { name: `Export "${i}", with, commas`, description: `Export "${i}", with, commas\nand a line break` },
      });
      expect(res.status).toBe(201);
    }
    const agent = await api.call('POST', '/api/v1/projects', {
      token: t.token,
      body: { name: 'formula agent' },
      headers: { 'user-agent': formulaAgent },
    });
    expect(agent.status).toBe(201);
    const user = await api.call('POST', '/api/v1/users', {
      token: t.token,
      body: { email: `${uniqueSlug('e')}@people.test`, name: 'E', password: PASSWORD, roles: ['viewer'] },
    });
    expect(user.status).toBe(201);
  });

  afterAll(() => api?.close());

  const exportOf = (token: string, params: Record<string, string | Date | undefined>, headers: Record<string, string> = {}) =>
    download(api, `/api/v1/audit-events/export${query(params)}`, token, headers);

  const expectDownload = (res: Download, format: 'csv' | 'jsonl') => {
    expect(res.status, String(res.body)).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    );
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="audit-[0-9TZ-]+\\.${format}"$`));
  };

  const jsonl = (res: Download): AuditEvent[] =>
    res.body
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));

  it('JSON Lines: every event, newest first, exactly as the search returns them', async () => {
    const expected = await allEvents(api, t.token);
    expect(expected.length).toBeGreaterThan(6);
    const res = await exportOf(t.token, { format: 'jsonl' });
    expectDownload(res, 'jsonl');
    expect(res.body.endsWith('\n')).toBe(true);
    expect(jsonl(res)).toEqual(expected);
  });

  it('CSV: a header row, then one row per event with every field, quoted and defused', async () => {
    const expected = await allEvents(api, t.token);
    const res = await exportOf(t.token, { format: 'csv' });
    expectDownload(res, 'csv');
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      expect(row).toEqual(CSV_COLUMNS.map((c) => csvValue(expected[i], c)));
    });
    // The multi-line project names survive in their cells; the formula is defused.
    expect(rows.some((r) => r[CSV_COLUMNS.indexOf('changes')].includes('with, commas\\nand a line break'))).toBe(true);
    const agentRow = rows.find((r) => r[CSV_COLUMNS.indexOf('userAgent')].includes('HYPERLINK'));
    expect(agentRow?.[CSV_COLUMNS.indexOf('userAgent')]).toBe(`'${formulaAgent}`);
  });

  it('applies the search filters', async () => {
    const projects = await allEvents(api, t.token, { action: 'project.created' });
    expect(projects).toHaveLength(5);
    const byAction = jsonl(await exportOf(t.token, { format: 'jsonl', action: 'project.created' }));
    expect(byAction).toEqual(projects);

    const one = projects[2];
    const byResource = jsonl(
      await exportOf(t.token, { format: 'jsonl', resourceType: 'project', resourceId: one.resource.id ?? undefined }),
    );
    expect(byResource).toEqual([one]);

    const from = new Date(projects[3].occurredAt);
    const to = new Date(projects[1].occurredAt);
    const inRange = jsonl(await exportOf(t.token, { format: 'jsonl', action: 'project.created', from, to }));
    expect(inRange.map((e) => e.id)).toEqual(
      projects.filter((e) => Date.parse(e.occurredAt) >= +from && Date.parse(e.occurredAt) < +to).map((e) => e.id),
    );
    expect(inRange.map((e) => e.id)).toContain(projects[3].id);
    expect(inRange.map((e) => e.id)).not.toContain(projects[1].id);

    const [header, ...users] = parseCsv(
      (await exportOf(t.token, { format: 'csv', category: 'access', outcome: 'success' })).body,
    );
    expect(header).toEqual(CSV_COLUMNS);
    const access = await allEvents(api, t.token, { category: 'access', outcome: 'success' });
    expect(users.map((r) => r[0])).toEqual(access.map((e) => e.id));
    expect(users.length).toBeGreaterThan(0);
  });

  it('is itself audited, committed before the download completes, with the format, filters and row count', async () => {
    const before = await allEvents(api, t.token, { action: 'project.created' });
    const id = requestId('export');
    const res = await exportOf(t.token, { format: 'csv', action: 'project.created' }, { 'x-request-id': id });
    expectDownload(res, 'csv');
    // Read at once: the event is part of the completed download, not written some time after it.
    const [event, ...more] = await eventsOfRequest(api, t.token, id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      action: 'audit.exported',
      category: 'audit',
      severity: 'warning',
      outcome: 'success',
      actor: { type: 'user', email: t.admin.email },
      metadata: { format: 'csv', rows: before.length, complete: true, filters: { action: 'project.created' } },
    });
  });

  it('needs audit:export: an auditor may, a viewer may not (recorded as a denial)', async () => {
    const auditorEmail = `${uniqueSlug('aud')}@people.test`;
    const viewerEmail = `${uniqueSlug('vie')}@people.test`;
    for (const [email, role] of [
      [auditorEmail, 'auditor'],
      [viewerEmail, 'viewer'],
    ]) {
      const res = await api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: role, password: PASSWORD, roles: [role] },
      });
      expect(res.status).toBe(201);
    }
    const auditor = await login(api, t.slug, auditorEmail, PASSWORD);
    const viewer = await login(api, t.slug, viewerEmail, PASSWORD);
    expectDownload(await exportOf(auditor, { format: 'jsonl' }), 'jsonl');
    const id = requestId('viewer-export');
    const refused = await exportOf(viewer, { format: 'jsonl' }, { 'x-request-id': id });
    expectProblem(refused, 403, 'FORBIDDEN', { missing: ['audit:export'] });
    await waitForEvent(api, t.token, { action: 'audit.exported', outcome: 'failure' }, (e) => e.requestId === id);
    await waitForEvent(api, t.token, { action: 'access.denied' }, (e) => e.requestId === id);
  });

  it('refuses an unknown format', async () => {
    expectProblem(await exportOf(t.token, { format: 'xlsx' }), 400, 'VALIDATION_FAILED');
    expectProblem(await exportOf(t.token, {}), 400, 'VALIDATION_FAILED');
  });

  it('ends when its client goes away mid-download, releases its connection, and records the rows sent', async () => {
    // A trail far larger than the socket buffers, so the export is still writing when the client leaves.
    const big = await createTenant(api, root);
    const tenant = (await api.app.get(TenantRegistry).find(big.id))!;
    const padding = 'x'.repeat(8_000);
    const drafts: AuditDraft[] = Array.from({ length: 2_500 }, (_, i) => ({
      action: 'project.updated',
      actor: { type: 'system', id: null, email: null },
      outcome: 'success',
      tenantId: big.id,
      metadata: { i, padding },
    }));
    for (let round = 0; round < 2; round++) {
      await api.app.get(TenantDatabase).run(tenant, (em) => api.app.get(AuditWriter).append(em, 'tenant', drafts));
    }
    const total = (await verify(api, big.token)).checked;
    expect(total).toBeGreaterThan(5_000);

    const id = requestId('abort');
    await new Promise<void>((resolve, reject) => {
      const req = get(new URL('/api/v1/audit-events/export?format=jsonl', api.url), {
        headers: { authorization: `Bearer ${big.token}`, 'x-request-id': id },
      });
      req.on('response', (res) => {
        expect(res.statusCode).toBe(200);
        // The first bytes arrive, then the client stops reading and goes away.
        res.once('data', () => {
          res.pause();
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    });
    const event = await waitForEvent(api, big.token, { action: 'audit.exported' }, (e) => e.requestId === id);
    expect(event).toMatchObject({ outcome: 'success', metadata: { format: 'jsonl', complete: false } });
    expect(event.metadata?.rows).toBeLessThan(total);
    // Nothing of the abandoned request holds on to the database.
    const dataSource = api.app.get(DataSource);
    await eventually(async () => {
      const pool = poolStats(dataSource);
      return pool.idle === pool.total && pool.waiting === 0;
    });
    expect((await verify(api, big.token)).valid).toBe(true);
  });

  it('is a plan feature: FEATURE_NOT_IN_PLAN on a plan without audit_export, recorded as a failure', async () => {
    const starter = await createTenant(api, root);
    const downgrade = await api.call('PATCH', `/api/v1/platform/tenants/${starter.id}`, {
      token: root,
      body: { plan: 'starter' },
    });
    expect(downgrade.status, JSON.stringify(downgrade.body)).toBe(200);
    for (const format of ['csv', 'jsonl']) {
      const id = requestId('starter-export');
      const res = await exportOf(starter.token, { format }, { 'x-request-id': id });
      expectProblem(res, 403, 'FEATURE_NOT_IN_PLAN', { feature: 'audit_export' });
      const failure = await waitForEvent(
        api,
        starter.token,
        { action: 'audit.exported', outcome: 'failure' },
        (e) => e.requestId === id,
      );
      expect(failure.errorCode).toBe('FEATURE_NOT_IN_PLAN');
    }
    // Searching the trail is not a plan feature.
    expect((await allEvents(api, starter.token)).length).toBeGreaterThan(0);
    // Back on a plan with the feature, the same tenant may export.
    await api.call('PATCH', `/api/v1/platform/tenants/${starter.id}`, { token: root, body: { plan: 'professional' } });
    expectDownload(await exportOf(starter.token, { format: 'csv' }), 'csv');
  });
});
