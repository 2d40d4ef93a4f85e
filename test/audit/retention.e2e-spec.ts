import { AuditRetentionService, AuditWriter } from '@stratum/audit';
import { Tenant, TenantDatabase } from '@stratum/tenancy';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { allEvents, schemaOf, superuser, verify } from './helpers';

const DAY = 86_400_000;

interface StoredEvent {
  id: string;
  seq: number;
  occurredAt: number;
  action: string;
}

/**
 * Retention: each tenant's plan (or its override) says how many days of trail it keeps; the purge
 * removes exactly the events older than that, keeps the chain verifiable, and records itself.
 */
describe('audit retention', () => {
  let api: TestApi;
  let root: string;
  let pg: Client;
  let retention: AuditRetentionService;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    pg = await superuser();
    retention = api.app.get(AuditRetentionService);
  });

  afterAll(async () => {
    vi.useRealTimers();
    await pg?.end();
    await api?.close();
  });

  /** A tenant on `plan`, with optional limit overrides, set through the platform API. */
  const tenantOn = async (plan: string, limitOverrides?: Record<string, number>): Promise<TestTenant> => {
    const t = await createTenant(api, root);
    const res = await api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, { token: root, body: { plan, limitOverrides } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return t;
  };

  /** The tenant as stored now (not the registry's cached copy). */
  const loadTenant = (t: TestTenant) => api.app.get(DataSource).getRepository(Tenant).findOneByOrFail({ id: t.id });

  const stored = async (t: TestTenant): Promise<StoredEvent[]> =>
    (
      await pg.query(
        `SELECT id, seq::int, (extract(epoch FROM occurred_at) * 1000)::float8 AS "occurredAt", action
           FROM "${schemaOf(t.id)}".audit_events ORDER BY seq`,
      )
    ).rows;

  const addProjects = async (t: TestTenant, n: number, label: string) => {
    for (let i = 0; i < n; i++) {
      const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `${label} ${i}` } });
      expect(res.status).toBe(201);
    }
  };

  /**
   * Old events, then (once the clock has moved on) recent ones, and a moment between the two:
   * seen from `mid + N days`, the old events are exactly those older than N days.
   */
  const timeline = async (t: TestTenant) => {
    await addProjects(t, 4, 'old');
    const old = await stored(t);
    const lastOld = old[old.length - 1].occurredAt;
    await eventually(async () => Date.now() > lastOld + 2);
    await addProjects(t, 3, 'recent');
    const recent = (await stored(t)).slice(old.length);
    expect(recent[0].occurredAt).toBeGreaterThan(lastOld);
    const mid = lastOld + (recent[0].occurredAt - lastOld) / 2;
    return { old, recent, mid };
  };

  /** Purges as of `now`, and checks that exactly `expired` went and the rest (plus the purge's record) stayed. */
  const purgeExactly = async (t: TestTenant, now: Date, expired: StoredEvent[], kept: StoredEvent[], days: number) => {
    const removed = await retention.purgeTenant(await loadTenant(t), now);
    expect(removed).toBe(expired.length);
    const after = await stored(t);
    const [purge, ...more] = after.filter((e) => !kept.some((k) => k.id === e.id));
    expect(more).toEqual([]);
    expect(after.slice(0, -1).map((e) => e.id)).toEqual(kept.map((e) => e.id));
    expect(purge.action).toBe('audit.purged');
    const [event] = await allEvents(api, t.token, { action: 'audit.purged' });
    expect(event).toMatchObject({
      id: purge.id,
      actor: { type: 'system', id: null, email: null },
      category: 'audit',
      outcome: 'success',
      metadata: { removed: expired.length, retentionDays: days, before: new Date(now.getTime() - days * DAY).toISOString() },
    });
    // The chain still verifies from its new anchor, the last removed event.
    expect(await verify(api, t.token)).toEqual({
      valid: true,
      checked: kept.length + 1,
      firstInvalidId: null,
      headSeq: purge.seq,
    });
    const { rows } = await pg.query(`SELECT anchor_seq::int AS seq, anchor_hash AS hash FROM "${schemaOf(t.id)}".audit_chain`);
    expect(rows[0].seq).toBe(expired[expired.length - 1].seq);
    const first = (await allEvents(api, t.token)).find((e) => e.seq === kept[0].seq);
    expect(first?.previousHash).toBe(rows[0].hash);
  };

  it.each([
    ['free', 30, undefined],
    ['starter', 90, undefined],
    ['professional', 365, undefined],
    ['professional with a 7-day override', 7, { auditRetentionDays: 7 }],
  ] as const)('%s: keeps %i days, purges exactly what is older', async (label, days, overrides) => {
    const t = await tenantOn(label.split(' ')[0], overrides);
    const { old, recent, mid } = await timeline(t);
    const before = await stored(t);
    // A day short of the retention, nothing has expired: nothing goes and nothing is recorded.
    expect(await retention.purgeTenant(await loadTenant(t), new Date(mid + (days - 1) * DAY))).toBe(0);
    expect(await stored(t)).toEqual(before);
    // At the retention, exactly the old events have.
    await purgeExactly(t, new Date(mid + days * DAY), old, recent, days);
    // Purging again as of the same moment finds nothing more.
    const kept = await stored(t);
    expect(await retention.purgeTenant(await loadTenant(t), new Date(mid + days * DAY))).toBe(0);
    expect(await stored(t)).toEqual(kept);
  });

  it('the daily job purges each tenant by its own retention and reports what it removed', async () => {
    // A retention of 0 days makes this tenant's old events expire at `mid` itself, while every
    // other tenant in the database keeps at least 30 days and so loses nothing.
    const t = await tenantOn('professional', { auditRetentionDays: 0 });
    const { old, recent, mid } = await timeline(t);
    const results = await retention.purgeAll(new Date(mid));
    expect(results.filter((r) => r.tenantId === t.id)).toEqual([{ tenantId: t.id, removed: old.length }]);
    const after = await stored(t);
    expect(after.map((e) => e.id)).toEqual([...recent.map((e) => e.id), after[after.length - 1].id]);
    expect(after[after.length - 1].action).toBe('audit.purged');
    expect((await verify(api, t.token)).valid).toBe(true);
  });

  it('never removes an event still within retention, even one older in position than an expired event', async () => {
    const t = await tenantOn('professional', { auditRetentionDays: 0 });
    await addProjects(t, 2, 'early');
    const [keeper] = (await stored(t)).slice(-1);
    // An event stamped a day earlier than its position says, as a writer with a slow clock would.
    vi.useFakeTimers({ toFake: ['Date'], now: keeper.occurredAt - DAY });
    try {
      const tenant = await loadTenant(t);
      await api.app
        .get(TenantDatabase)
        .run(tenant, (em) =>
          api.app
            .get(AuditWriter)
            .append(em, 'tenant', [
              { action: 'project.updated', actor: { type: 'system', id: null, email: null }, outcome: 'success', tenantId: t.id },
            ]),
        );
    } finally {
      vi.useRealTimers();
    }
    const before = await stored(t);
    const skewed = before[before.length - 1];
    expect(skewed.seq).toBeGreaterThan(keeper.seq);
    expect(skewed.occurredAt).toBeLessThan(keeper.occurredAt - DAY / 2);
    // An hour before the keeper: only the skewed event has expired, and it cannot go without the
    // events before it in the chain, which have not.
    expect(await retention.purgeTenant(await loadTenant(t), new Date(keeper.occurredAt - 3_600_000))).toBe(0);
    expect(await stored(t)).toEqual(before);
    expect((await verify(api, t.token)).valid).toBe(true);
    // Once everything has expired, everything goes, and the chain verifies from the purge on.
    const removed = await retention.purgeTenant(await loadTenant(t), new Date(Date.now() + 60_000));
    expect(removed).toBe(before.length);
    const after = await stored(t);
    expect(after.map((e) => e.action)).toEqual(['audit.purged']);
    expect(await verify(api, t.token)).toEqual({ valid: true, checked: 1, firstInvalidId: null, headSeq: skewed.seq + 1 });
  });
});
