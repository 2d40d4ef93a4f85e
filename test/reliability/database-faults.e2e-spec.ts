import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

/**
 * The API's PostgreSQL connections are killed (pg_terminate_backend, as a failover or an
 * administrator would) while clients keep writing: every answer is a success or a 503 with
 * Retry-After, never a 500; what answered 503 is not committed, what answered 201 is; once the
 * killing stops, every request succeeds again.
 */
describe('database connections lost under load', () => {
  const applicationName = `stratum-faults-${randomBytes(4).toString('hex')}`;
  let api: TestApi;
  let tenant: TestTenant;
  let pg: Client;

  beforeAll(async () => {
    api = await startApi({ DATABASE_APPLICATION_NAME: applicationName });
    tenant = await createTenant(api, await superAdminToken(api));
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await api?.close();
    await pg?.end();
  });

  const create = (name: string) => api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name } });

  async function committedNames(): Promise<Set<string>> {
    const schema = `t_${tenant.id.replace(/-/g, '')}`;
    const rows = await pg.query<{ name: string }>(`SELECT name FROM "${schema}".projects`);
    return new Set(rows.rows.map((r) => r.name));
  }

  it('answers 503 (never 500) while its connections are terminated, commits nothing it answered 503, and recovers', async () => {
    const outcomes = new Map<string, { status: number; retryAfter: string | null; code?: string }>();
    let killing = true;
    let killed = 0;
    const killer = (async () => {
      while (killing) {
        const res = await pg.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
          applicationName,
        ]);
        killed += res.rowCount ?? 0;
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; killing; i++) {
        const name = `w${w}-${i}`;
        const res = await create(name);
        outcomes.set(name, { status: res.status, retryAfter: res.headers.get('retry-after'), code: res.body?.code });
      }
    });
    const stop = new Promise<void>((resolve) => setTimeout(resolve, 4000));
    await stop;
    killing = false;
    await Promise.all([killer, ...writers]);

    const statuses = [...outcomes.values()].map((o) => o.status);
    expect(killed).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 503).length, 'some requests met a terminated connection').toBeGreaterThan(0);
    expect(
      [...outcomes].filter(([, o]) => o.status !== 201 && o.status !== 503),
      'every answer is 201 or 503',
    ).toEqual([]);
    for (const o of outcomes.values()) {
      if (o.status === 503) expect(o).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: expect.stringMatching(/^\d+$/) });
    }

    const committed = await committedNames();
    const answered503 = [...outcomes].filter(([, o]) => o.status === 503).map(([n]) => n);
    const answered201 = [...outcomes].filter(([, o]) => o.status === 201).map(([n]) => n);
    expect(
      answered503.filter((n) => committed.has(n)),
      'committed although answered 503',
    ).toEqual([]);
    expect(
      answered201.filter((n) => !committed.has(n)),
      'answered 201 but not committed',
    ).toEqual([]);

    // The killing is over: every request succeeds (the pool replaces the dead connections).
    const stoppedAt = Date.now();
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => create(`after-${i}`)));
    expect(after.map((r) => r.status)).toEqual(Array(20).fill(201));
    // The figures the README's Reliability section quotes.
    process.stdout.write(
      `${JSON.stringify({
        scenario: 'pg-terminate-backend',
        emitted: outcomes.size,
        committed: answered201.length,
        refused503: answered503.length,
        other5xx: statuses.filter((s) => s >= 500 && s !== 503).length,
        backendsKilled: killed,
        recoveryMs: Date.now() - stoppedAt,
      })}\n`,
    );
  });
});
