import { poolStats } from '@stratum/database';
import { TenantUsersService } from '@stratum/identity';
import { TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';

interface ProjectBody {
  id: string;
  name: string;
}

/** A tenant and the projects the test knows it owns (id -> name). */
interface Owned {
  tenant: TestTenant;
  projects: Map<string, string>;
}

/** Names embed the tenant's slug, so any project of the wrong tenant is recognisable. */
const projectName = (slug: string, label: string) => `${slug}: ${label}`;
const belongsTo = (slug: string, name: string) => name.startsWith(`${slug}: `);

/**
 * Provisions tenants in parallel, a few at a time: fewer than the pool's connections, since a
 * burst of provisioning beyond the pool size is the subject of its own test (see 'a small pool').
 */
async function provision(api: TestApi, count: number, prefix: string, parallel = 3): Promise<TestTenant[]> {
  const root = await superAdminToken(api);
  const tenants: TestTenant[] = [];
  while (tenants.length < count) {
    const batch = Math.min(parallel, count - tenants.length);
    tenants.push(...(await Promise.all(Array.from({ length: batch }, () => createTenant(api, root, uniqueSlug(prefix))))));
  }
  return tenants;
}

async function createProject(api: TestApi, tenant: TestTenant, label: string): Promise<ProjectBody> {
  const res = await api.call('POST', '/api/v1/projects', {
    token: tenant.token,
    body: { name: projectName(tenant.slug, label) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function listAll(api: TestApi, tenant: TestTenant): Promise<ProjectBody[]> {
  const res = await api.call('GET', '/api/v1/projects?limit=100', { token: tenant.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.items;
}

/** Samples a numeric query on its own connection until stopped; returns every value seen. */
function sampler(sql: string, params: unknown[]) {
  const client = new Client({ connectionString: inject('databaseUrl'), application_name: 'stratum-test-sampler' });
  const seen: number[] = [];
  let stopped = false;
  let loop: Promise<void> | undefined;
  return {
    async start() {
      await client.connect();
      loop = (async () => {
        while (!stopped) {
          const { rows } = await client.query(sql, params);
          seen.push(Number(rows[0].n));
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
    },
    async stop(): Promise<number[]> {
      stopped = true;
      await loop;
      await client.end();
      return seen;
    },
  };
}

describe('tenant context under concurrency', () => {
  describe('many tenants at once on one pool', () => {
    const TENANTS = 10;
    const SEEDED = 3;
    const REQUESTS = 400;
    let api: TestApi;
    let owned: Owned[];

    beforeAll(async () => {
      api = await startApi();
      const tenants = await provision(api, TENANTS, 'cc');
      owned = await Promise.all(
        tenants.map(async (tenant) => {
          const projects = new Map<string, string>();
          for (const p of await Promise.all(Array.from({ length: SEEDED }, (_, i) => createProject(api, tenant, `seed ${i}`)))) {
            projects.set(p.id, p.name);
          }
          return { tenant, projects };
        }),
      );
    });

    afterAll(() => api?.close());

    it("answers hundreds of interleaved requests of different tenants with the caller's own data only", async () => {
      const created: { owner: Owned; project: ProjectBody }[] = [];
      const failures: string[] = [];
      const check = (ok: boolean, what: string) => {
        if (!ok) failures.push(what);
      };

      const requests = Array.from({ length: REQUESTS }, async (_, i) => {
        // Neighbouring requests belong to different tenants and do different things.
        const mine = owned[i % TENANTS];
        const other = owned[(i + 1 + (i % (TENANTS - 1))) % TENANTS];
        const { slug, token } = mine.tenant;
        const seededIds = [...mine.projects.keys()];
        switch (Math.floor(i / TENANTS) % 4) {
          case 0: {
            const res = await api.call('GET', '/api/v1/projects?limit=100', { token });
            check(res.status === 200, `#${i} list ${slug}: ${res.status} ${JSON.stringify(res.body)}`);
            const items: ProjectBody[] = res.body.items ?? [];
            const foreign = items.filter((p) => !belongsTo(slug, p.name));
            check(foreign.length === 0, `#${i} list ${slug} shows ${JSON.stringify(foreign)}`);
            for (const id of seededIds)
              check(
                items.some((p) => p.id === id),
                `#${i} list ${slug} misses ${id}`,
              );
            break;
          }
          case 1: {
            const id = seededIds[i % SEEDED];
            const res = await api.call('GET', `/api/v1/projects/${id}`, { token });
            check(
              res.status === 200 && res.body.id === id && res.body.name === mine.projects.get(id),
              `#${i} get own ${slug}/${id}: ${res.status} ${JSON.stringify(res.body)}`,
            );
            break;
          }
          case 2: {
            const name = projectName(slug, `burst ${i}`);
            const res = await api.call('POST', '/api/v1/projects', { token, body: { name } });
            check(
              res.status === 201 && res.body.name === name,
              `#${i} create ${slug}: ${res.status} ${JSON.stringify(res.body)}`,
            );
            if (res.status === 201) created.push({ owner: mine, project: res.body });
            break;
          }
          case 3: {
            const foreignId = [...other.projects.keys()][i % SEEDED];
            const res = await api.call('GET', `/api/v1/projects/${foreignId}`, { token });
            check(
              res.status === 404 && res.body.code === 'NOT_FOUND',
              `#${i} get ${other.tenant.slug}'s project as ${slug}: ${res.status} ${JSON.stringify(res.body)}`,
            );
            break;
          }
        }
      });
      await Promise.all(requests);

      expect(failures).toEqual([]);
      expect(created).toHaveLength(REQUESTS / 4);
      for (const { owner, project } of created) owner.projects.set(project.id, project.name);

      // Every write landed in its own tenant, and nowhere else.
      for (const { tenant, projects } of owned) {
        const items = await listAll(api, tenant);
        expect(items.length, tenant.slug).toBe(SEEDED + REQUESTS / 4 / TENANTS);
        expect(new Set(items.map((p) => p.id))).toEqual(new Set(projects.keys()));
        for (const p of items) expect(belongsTo(tenant.slug, p.name), `${p.name} in ${tenant.slug}`).toBe(true);
      }
    });
  });

  describe('a small pool', () => {
    const POOL = 4;
    const appName = `stratum-bound-${randomBytes(4).toString('hex')}`;
    let api: TestApi;
    let tenants: TestTenant[];

    beforeAll(async () => {
      api = await startApi({ DATABASE_POOL_SIZE: String(POOL), DATABASE_APPLICATION_NAME: appName });
      tenants = await provision(api, 24, 'cb');
    });

    afterAll(() => api?.close());

    it('never opens more connections than DATABASE_POOL_SIZE, however many tenants are busy', async () => {
      const connections = sampler('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [appName]);
      const pool = api.app.get(DataSource);
      let maxWaiting = 0;
      await connections.start();
      const statuses: number[] = [];
      try {
        await Promise.all(
          Array.from({ length: 300 }, async (_, i) => {
            const tenant = tenants[i % tenants.length];
            const res =
              i % 3 === 0
                ? await api.call('POST', '/api/v1/projects', {
                    token: tenant.token,
                    body: { name: projectName(tenant.slug, `bound ${i}`) },
                  })
                : await api.call('GET', '/api/v1/projects', { token: tenant.token });
            maxWaiting = Math.max(maxWaiting, poolStats(pool).waiting);
            statuses.push(res.status);
          }),
        );
      } finally {
        const seen = await connections.stop();
        expect(seen.length).toBeGreaterThan(0);
        expect(Math.max(...seen)).toBeLessThanOrEqual(POOL);
        expect(Math.max(...seen)).toBeGreaterThan(0);
      }
      expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
      expect(statuses).toHaveLength(300);
      // The load really was larger than the pool: requests queued for a connection.
      expect(maxWaiting).toBeGreaterThan(0);
    });

    it('provisions a burst of tenants at once without running out of connections', async () => {
      const connections = sampler('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [appName]);
      await connections.start();
      let results: PromiseSettledResult<TestTenant>[];
      try {
        const root = await superAdminToken(api);
        results = await Promise.allSettled(Array.from({ length: POOL * 2 }, () => createTenant(api, root, uniqueSlug('cp'))));
      } finally {
        const seen = await connections.stop();
        expect(Math.max(...seen)).toBeLessThanOrEqual(POOL);
      }
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason));
      expect(failed).toEqual([]);
    });
  });

  describe('failing requests', () => {
    const POOL = 4;
    const appName = `stratum-fail-${randomBytes(4).toString('hex')}`;
    let api: TestApi;
    let a: TestTenant;
    let b: TestTenant;
    let viewerOfA: string;
    let projectOfA: ProjectBody;
    let projectOfB: ProjectBody;

    beforeAll(async () => {
      api = await startApi({ DATABASE_POOL_SIZE: String(POOL), DATABASE_APPLICATION_NAME: appName });
      [a, b] = await provision(api, 2, 'cf');
      projectOfA = await createProject(api, a, 'of A');
      projectOfB = await createProject(api, b, 'of B');
      // A read-only user: refused by the permission check, which runs inside the request's transaction.
      const tenantA = (await api.app.get(TenantRegistry).find(a.id))!;
      const viewer = { email: `viewer@${a.slug}.test`, password: `secret-${a.slug}-passphrase` };
      await api.app
        .get(TenantDatabase)
        .run(tenantA, (em) => api.app.get(TenantUsersService).create(em, { ...viewer, name: 'Viewer', systemRoles: ['viewer'] }));
      viewerOfA = await login(api, a.slug, viewer.email, viewer.password);
    });

    afterAll(() => api?.close());

    it('rolls back and releases the connection of every failing request, leaving the pool clean for the next ones', async () => {
      const failing = [
        // The handler throws (NOT_FOUND): another tenant's project.
        () => api.call('GET', `/api/v1/projects/${projectOfB.id}`, { token: a.token }),
        // The handler throws after reading: delete of another tenant's project.
        () => api.call('DELETE', `/api/v1/projects/${projectOfA.id}`, { token: b.token }),
        // Body validation fails.
        () => api.call('POST', '/api/v1/projects', { token: a.token, body: { name: '' } }),
        // Path validation fails.
        () => api.call('GET', '/api/v1/projects/not-a-uuid', { token: b.token }),
        // The permission guard refuses after its lookup opened the transaction.
        () => api.call('POST', '/api/v1/projects', { token: viewerOfA, body: { name: projectName(a.slug, 'by viewer') } }),
      ];
      const expected = [
        [404, 'NOT_FOUND'],
        [404, 'NOT_FOUND'],
        [400, 'VALIDATION_FAILED'],
        [400, 'VALIDATION_FAILED'],
        [403, 'FORBIDDEN'],
      ];
      const rounds = POOL * 8;
      const results = await Promise.all(
        Array.from({ length: rounds * failing.length }, async (_, i) => {
          const res = await failing[i % failing.length]();
          return { kind: i % failing.length, status: res.status, code: res.body?.code };
        }),
      );
      const unexpected = results.filter((r) => r.status !== expected[r.kind][0] || r.code !== expected[r.kind][1]);
      expect(unexpected).toEqual([]);

      // Every connection is back in the pool, none left inside a transaction.
      const pool = api.app.get(DataSource);
      await eventually(async () => {
        const s = poolStats(pool);
        return s.waiting === 0 && s.idle === s.total;
      });
      const admin = new Client({ connectionString: inject('databaseUrl') });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ state: string }>('SELECT state FROM pg_stat_activity WHERE application_name = $1', [
          appName,
        ]);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.length).toBeLessThanOrEqual(POOL);
        expect(rows.map((r) => r.state).filter((s) => s !== 'idle')).toEqual([]);
      } finally {
        await admin.end();
      }

      // Nothing of a failed request survives on a pooled connection: role and search_path are reset.
      const leftovers = await Promise.all(
        Array.from({ length: POOL }, () =>
          pool.query(
            `SELECT current_user AS "user", current_setting('search_path') AS path, now() = statement_timestamp() AS fresh`,
          ),
        ),
      );
      for (const [row] of leftovers) {
        expect(row.user).not.toMatch(/^t_/);
        expect(row.path).not.toMatch(/t_/);
        // Outside any transaction: a connection returned mid-transaction would answer false.
        expect(row.fresh).toBe(true);
      }

      // Normal work goes on, more requests than connections, each seeing its own tenant.
      const after = await Promise.all(
        Array.from({ length: POOL * 4 }, async (_, i) => {
          const t = i % 2 ? a : b;
          return { t, res: await api.call('GET', '/api/v1/projects', { token: t.token }) };
        }),
      );
      for (const { t, res } of after) {
        expect(res.status).toBe(200);
        expect(res.body.items.map((p: ProjectBody) => p.id)).toEqual([t === a ? projectOfA.id : projectOfB.id]);
      }
      // The refused create did not happen, and the refused delete did not delete.
      const ofA = await listAll(api, a);
      expect(ofA.map((p) => p.name)).toEqual([projectOfA.name]);
      const created = await api.call('POST', '/api/v1/projects', {
        token: a.token,
        body: { name: projectName(a.slug, 'after') },
      });
      expect(created.status).toBe(201);
    });
  });
});
