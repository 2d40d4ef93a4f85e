import { TenantPurgeService } from '@stratum/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';

const DAY_MS = 86_400_000;

interface TenantBody {
  id: string;
  slug: string;
  name: string;
  status: string;
  plan: string;
  settings: Record<string, unknown>;
  limitOverrides: Record<string, number>;
  createdAt: string;
  suspendedAt: string | null;
  deletedAt: string | null;
  purgeAfter: string | null;
}

interface TenantPage {
  items: TenantBody[];
  nextCursor: string | null;
}

/** The problem+json members an error reply adds. */
interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

/** The fields a VALIDATION_FAILED reply names. */
const fieldsOf = (res: Reply<Partial<Problem>>) => (res.body.errors ?? []).map((e) => e.field);

const dbName = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;

describe('tenant lifecycle', () => {
  /** The API the super admin calls. */
  let api: TestApi;
  /**
   * A second API process, as in a deployment with several: it caches tenants for 10 minutes, so
   * only the cross-process invalidation can make it see a change quickly; its grace is 7 days.
   */
  let peer: TestApi;
  let root: string;
  let pg: Client;

  beforeAll(async () => {
    [api, peer] = await Promise.all([startApi(), startApi({ TENANT_CACHE_TTL_MS: '600000', TENANT_PURGE_GRACE_DAYS: '7' })]);
    root = await superAdminToken(api);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await Promise.all([api?.close(), peer?.close()]);
  });

  const platform = <T = TenantBody>(method: string, path: string, body?: unknown): Promise<Reply<T & Partial<Problem>>> =>
    api.call(method, `/api/v1/platform/tenants${path}`, { token: root, body });

  const projectsOf = (tenant: TestTenant, on: TestApi = api) => on.call('GET', '/api/v1/projects', { token: tenant.token });

  const loginTo = (tenant: TestTenant, on: TestApi = api) =>
    on.call('POST', '/api/v1/auth/login', { tenant: tenant.slug, body: tenant.admin });

  function expectRefused(res: Reply, code = 'TENANT_SUSPENDED'): void {
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
  }

  async function schemaExists(tenantId: string): Promise<boolean> {
    return (await pg.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [dbName(tenantId)])).rowCount === 1;
  }

  async function roleExists(tenantId: string): Promise<boolean> {
    return (await pg.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [dbName(tenantId)])).rowCount === 1;
  }

  describe('suspend and reactivate', () => {
    it("refuses the tenant's users with 403 TENANT_SUSPENDED at once, in every API process", async () => {
      const t = await createTenant(api, root);
      const pair = await loginTo(t);
      expect(pair.status).toBe(200);
      // Both processes have the tenant cached as active.
      expect((await projectsOf(t, api)).status).toBe(200);
      expect((await projectsOf(t, peer)).status).toBe(200);

      const res = await platform('POST', `/${t.id}/suspend`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: t.id, status: 'suspended', suspendedAt: expect.any(String), deletedAt: null });

      expectRefused(await projectsOf(t));
      expectRefused(await loginTo(t));
      expectRefused(
        await api.call('POST', '/api/v1/auth/refresh', { tenant: t.slug, body: { refreshToken: pair.body.refreshToken } }),
      );
      // The peer hears of it through Redis, not by its 10-minute cache expiring.
      await eventually(async () => (await projectsOf(t, peer)).status === 403);
      expectRefused(await projectsOf(t, peer));
      expectRefused(await loginTo(t, peer));

      const stored = await platform('GET', `/${t.id}`);
      expect(stored.body).toMatchObject({ status: 'suspended', suspendedAt: res.body.suspendedAt });
    });

    it('suspending a suspended tenant is idempotent', async () => {
      const t = await createTenant(api, root);
      const first = await platform('POST', `/${t.id}/suspend`);
      const second = await platform('POST', `/${t.id}/suspend`);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ status: 'suspended', suspendedAt: first.body.suspendedAt });
      expectRefused(await projectsOf(t));
    });

    it('reactivating restores access in every API process, for existing tokens and new logins', async () => {
      const t = await createTenant(api, root);
      expect((await projectsOf(t, peer)).status).toBe(200);
      expect((await platform('POST', `/${t.id}/suspend`)).status).toBe(200);
      await eventually(async () => (await projectsOf(t, peer)).status === 403);

      const res = await platform('POST', `/${t.id}/reactivate`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: t.id, status: 'active', suspendedAt: null });

      expect((await projectsOf(t)).status).toBe(200);
      expect((await loginTo(t)).status).toBe(200);
      await eventually(async () => (await projectsOf(t, peer)).status === 200);
      expect((await loginTo(t, peer)).status).toBe(200);
    });

    it('refuses to reactivate an active tenant with 409 INVALID_STATE', async () => {
      const t = await createTenant(api, root);
      const res = await platform('POST', `/${t.id}/reactivate`);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.code).toBe('INVALID_STATE');
      expect((await platform('GET', `/${t.id}`)).body.status).toBe('active');
    });

    it('answers 404 TENANT_NOT_FOUND for an unknown tenant', async () => {
      for (const action of ['suspend', 'reactivate']) {
        const res = await platform('POST', `/${randomUUID()}/${action}`);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('TENANT_NOT_FOUND');
      }
    });
  });

  describe('delete', () => {
    it('marks the tenant deleted with purgeAfter = deletedAt + the grace period, and refuses its users', async () => {
      const t = await createTenant(api, root);
      expect((await projectsOf(t, peer)).status).toBe(200);

      const res = await platform('DELETE', `/${t.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: t.id, status: 'deleted', deletedAt: expect.any(String) });
      const deletedAt = Date.parse(res.body.deletedAt!);
      expect(Date.parse(res.body.purgeAfter!) - deletedAt).toBe(api.config.TENANT_PURGE_GRACE_DAYS * DAY_MS);
      expect(api.config.TENANT_PURGE_GRACE_DAYS).toBe(30);

      const stored = await platform('GET', `/${t.id}`);
      expect(stored.body).toEqual(res.body);
      // The grace period is the reading process's configuration.
      const onPeer = await peer.call<TenantBody>('GET', `/api/v1/platform/tenants/${t.id}`, { token: root });
      expect(Date.parse(onPeer.body.purgeAfter!) - deletedAt).toBe(7 * DAY_MS);

      expectRefused(await projectsOf(t));
      expectRefused(await loginTo(t));
      await eventually(async () => (await projectsOf(t, peer)).status === 403);
      expectRefused(await projectsOf(t, peer));

      // The data stays until the purge.
      expect(await schemaExists(t.id)).toBe(true);
      expect(await roleExists(t.id)).toBe(true);
    });

    it('deleting twice is idempotent; a deleted tenant cannot be suspended, reactivated or changed', async () => {
      const t = await createTenant(api, root);
      const first = await platform('DELETE', `/${t.id}`);
      const second = await platform('DELETE', `/${t.id}`);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        status: 'deleted',
        deletedAt: first.body.deletedAt,
        purgeAfter: first.body.purgeAfter,
      });

      for (const [method, path, body] of [
        ['POST', `/${t.id}/suspend`],
        ['POST', `/${t.id}/reactivate`],
        ['PATCH', `/${t.id}`, { name: 'Back from the dead' }],
      ] as const) {
        const res = await platform(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(409);
        expect(res.body.code).toBe('INVALID_STATE');
      }
      expect((await platform('GET', `/${t.id}`)).body).toEqual(first.body);
    });

    it('deletes a suspended tenant', async () => {
      const t = await createTenant(api, root);
      const suspended = await platform('POST', `/${t.id}/suspend`);
      const res = await platform('DELETE', `/${t.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'deleted',
        suspendedAt: suspended.body.suspendedAt,
        deletedAt: expect.any(String),
      });
      expectRefused(await loginTo(t));
    });

    it('answers 404 TENANT_NOT_FOUND for an unknown tenant', async () => {
      const res = await platform('DELETE', `/${randomUUID()}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    });
  });

  describe('PATCH /api/v1/platform/tenants/:id', () => {
    let t: TestTenant;

    beforeAll(async () => {
      t = await createTenant(api, root);
    });

    it('changes the name and the plan', async () => {
      const res = await platform('PATCH', `/${t.id}`, { name: '  Renamed Corp  ', plan: 'enterprise' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: t.id, slug: t.slug, name: 'Renamed Corp', plan: 'enterprise', status: 'active' });
      expect((await platform('GET', `/${t.id}`)).body).toMatchObject({ name: 'Renamed Corp', plan: 'enterprise' });
      // Changing the plan does not disturb the tenant's users.
      expect((await projectsOf(t)).status).toBe(200);
    });

    it('merges settings into the current ones', async () => {
      const before = (await platform('GET', `/${t.id}`)).body.settings;
      expect(before).toEqual({ supportAccess: 'consent' });
      const first = await platform('PATCH', `/${t.id}`, { settings: { mfaRequired: true } });
      expect(first.status).toBe(200);
      expect(first.body.settings).toEqual({ supportAccess: 'consent', mfaRequired: true });
      const second = await platform('PATCH', `/${t.id}`, {
        settings: { supportAccess: 'never', allowedEmailDomains: ['acme.example'] },
      });
      expect(second.body.settings).toEqual({ supportAccess: 'never', mfaRequired: true, allowedEmailDomains: ['acme.example'] });
      expect((await platform('GET', `/${t.id}`)).body.settings).toEqual(second.body.settings);
    });

    it('merges limit overrides; null removes one', async () => {
      const set = await platform('PATCH', `/${t.id}`, { limitOverrides: { seats: 50, storageMb: 0 } });
      expect(set.status).toBe(200);
      expect(set.body.limitOverrides).toEqual({ seats: 50, storageMb: 0 });
      const merged = await platform('PATCH', `/${t.id}`, { limitOverrides: { apiCallsPerDay: 1000, seats: 60 } });
      expect(merged.body.limitOverrides).toEqual({ seats: 60, storageMb: 0, apiCallsPerDay: 1000 });
      const removed = await platform('PATCH', `/${t.id}`, { limitOverrides: { seats: null } });
      expect(removed.status).toBe(200);
      expect(removed.body.limitOverrides).toEqual({ storageMb: 0, apiCallsPerDay: 1000 });
      expect((await platform('GET', `/${t.id}`)).body.limitOverrides).toEqual({ storageMb: 0, apiCallsPerDay: 1000 });
    });

    it('refuses unknown limit keys, invalid limit values, unknown fields and bad values with 400, changing nothing', async () => {
      const before = (await platform('GET', `/${t.id}`)).body;
      for (const body of [
        { limitOverrides: { bogus: 1 } },
        { limitOverrides: { seats: 5, bogus: 1 } },
        { limitOverrides: { seats: -1 } },
        { limitOverrides: { seats: 1.5 } },
        { limitOverrides: { seats: '10' } },
        { limitOverrides: [1] },
      ]) {
        const res = await platform('PATCH', `/${t.id}`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res)).toContain('limitOverrides');
      }
      for (const [body, field] of [
        [{ status: 'active' }, 'status'],
        [{ slug: 'new-slug' }, 'slug'],
        [{ plan: 'platinum' }, 'plan'],
        [{ name: '' }, 'name'],
        [{ settings: { supportAccess: 'sometimes' } }, 'settings.supportAccess'],
        [{ settings: { unknownSetting: true } }, 'settings.unknownSetting'],
      ] as const) {
        const res = await platform('PATCH', `/${t.id}`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res)).toContain(field);
      }
      expect((await platform('GET', `/${t.id}`)).body).toEqual(before);
    });

    it('answers 404 TENANT_NOT_FOUND for an unknown tenant', async () => {
      const res = await platform('PATCH', `/${randomUUID()}`, { name: 'Nobody' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    });
  });

  describe('GET /api/v1/platform/tenants', () => {
    // Other test files provision tenants in the same database meanwhile: every query filters
    // with `q` on this tag, which only these tenants carry (in both name and slug).
    const tag = `lst${randomBytes(4).toString('hex')}`;
    const specs = [
      { key: 'charlie', name: 'Charlie', plan: 'starter' },
      { key: 'alpha', name: 'Alpha', plan: 'professional' },
      { key: 'echo', name: 'Echo', plan: 'enterprise' },
      { key: 'bravo', name: 'Bravo', plan: 'starter' },
      { key: 'delta', name: 'Delta', plan: 'free' },
      // Same name as `echo`: the id breaks the tie.
      { key: 'echo-two', name: 'Echo', plan: 'enterprise' },
    ] as const;
    type Key = (typeof specs)[number]['key'];
    const ids = {} as Record<Key, string>;
    const byId = (a: string, b: string) => (a < b ? -1 : 1);
    let echoes: string[];

    const list = (query: string, q = tag) => platform<TenantPage>('GET', `?q=${encodeURIComponent(q)}&${query}`);
    const keysOf = (page: TenantPage) =>
      page.items.map((item) => (Object.keys(ids) as Key[]).find((k) => ids[k] === item.id) ?? item.id);

    /**
     * Follows nextCursor from the first page to the last (or, should pagination not end, for ten
     * pages); returns every id seen, in order.
     */
    async function walk(query: string, limit: number, q = tag): Promise<{ ids: string[]; pages: number }> {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Reply<TenantPage> = await list(
          `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          q,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.body.items.map((i) => i.id));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      return { ids: seen, pages };
    }

    beforeAll(async () => {
      // One after the other, so that createdAt follows the order of `specs`.
      for (const spec of specs) {
        const slug = `${tag}-${spec.key}`;
        const res = await platform('POST', '', {
          name: `${tag} ${spec.name}`,
          slug,
          plan: spec.plan,
          admin: { email: `admin@${slug}.test`, name: 'Admin', password: 'long-enough-password' },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids[spec.key] = res.body.id;
      }
      expect((await platform('POST', `/${ids.bravo}/suspend`)).status).toBe(200);
      expect((await platform('DELETE', `/${ids.delta}`)).status).toBe(200);
      echoes = [ids.echo, ids['echo-two']].sort(byId);
    });

    it('matches q against name and slug, case-insensitively, newest first by default', async () => {
      const all = await list('limit=100');
      expect(all.status).toBe(200);
      expect(keysOf(all.body)).toEqual(['echo-two', 'delta', 'bravo', 'echo', 'alpha', 'charlie']);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items.find((i) => i.id === ids.alpha)).toMatchObject({
        slug: `${tag}-alpha`,
        name: `${tag} Alpha`,
        plan: 'professional',
        status: 'active',
      });

      const upper = await platform<TenantPage>('GET', `?q=${tag.toUpperCase()}&limit=100`);
      expect(upper.body.items).toHaveLength(specs.length);
      // Only the name has a space; only the slug has a dash.
      const byName = await platform<TenantPage>('GET', `?q=${encodeURIComponent(`${tag} ALPHA`)}`);
      expect(keysOf(byName.body)).toEqual(['alpha']);
      const bySlug = await platform<TenantPage>('GET', `?q=${tag}-bravo`);
      expect(keysOf(bySlug.body)).toEqual(['bravo']);
    });

    it('treats % and _ in q literally', async () => {
      for (const q of [`${tag}%`, `${tag}_alpha`, `${tag.slice(0, -1)}_`, `%${tag.slice(1)}`]) {
        const res = await platform<TenantPage>('GET', `?q=${encodeURIComponent(q)}&limit=100`);
        expect(res.status).toBe(200);
        expect(res.body.items, q).toEqual([]);
      }
    });

    it('filters by status and plan', async () => {
      expect(keysOf((await list('status=suspended')).body)).toEqual(['bravo']);
      expect(keysOf((await list('status=deleted')).body)).toEqual(['delta']);
      expect(keysOf((await list('status=active')).body)).toEqual(['echo-two', 'echo', 'alpha', 'charlie']);
      expect(keysOf((await list('plan=starter')).body)).toEqual(['bravo', 'charlie']);
      expect(keysOf((await list('plan=starter&status=active')).body)).toEqual(['charlie']);
      expect(keysOf((await list('plan=custom')).body)).toEqual([]);
      const deleted = (await list('status=deleted')).body.items[0];
      expect(deleted).toMatchObject({ status: 'deleted', deletedAt: expect.any(String), purgeAfter: expect.any(String) });
    });

    it('sorts by name, slug and createdAt, either way, with the id breaking ties', async () => {
      const expected: Record<string, string[]> = {
        name: [ids.alpha, ids.bravo, ids.charlie, ids.delta, ...echoes],
        slug: [ids.alpha, ids.bravo, ids.charlie, ids.delta, ids.echo, ids['echo-two']],
        createdAt: specs.map((s) => ids[s.key]),
      };
      for (const [field, order] of Object.entries(expected)) {
        const asc = await list(`sort=${field}&limit=100`);
        expect(asc.status).toBe(200);
        expect(
          asc.body.items.map((i) => i.id),
          field,
        ).toEqual(order);
        const desc = await list(`sort=-${field}&limit=100`);
        expect(
          desc.body.items.map((i) => i.id),
          `-${field}`,
        ).toEqual([...order].reverse());
      }
    });

    it.each(['name', '-name', 'slug', '-slug', 'createdAt', '-createdAt'])(
      'walks every page of sort=%s with limit=2, without duplicates or gaps',
      async (sort) => {
        const whole = await list(`sort=${sort}&limit=100`);
        expect(whole.body.items).toHaveLength(specs.length);
        const walked = await walk(`sort=${sort}`, 2);
        expect(walked.ids).toEqual(whole.body.items.map((i) => i.id));
        expect(walked.pages).toBe(specs.length / 2);
      },
    );

    it('walks pages of tenants created within the same millisecond, either way', async () => {
      // Concurrent provisioning gives timestamps that differ below the millisecond.
      const sameMs = `ms${randomBytes(4).toString('hex')}`;
      const created: string[] = [];
      for (const n of [1, 2, 3]) {
        const slug = `${sameMs}${n}`;
        const res = await platform('POST', '', {
          name: `${sameMs} ${n}`,
          slug,
          plan: 'free',
          admin: { email: `admin@${slug}.test`, name: 'Admin', password: 'long-enough-password' },
        });
        expect(res.status).toBe(201);
        created.push(res.body.id);
        await pg.query(
          `UPDATE platform.tenants SET created_at = $1::timestamptz + make_interval(secs => $2 * 0.0001) WHERE id = $3`,
          ['2001-01-01T00:00:00.000Z', n, res.body.id],
        );
      }
      expect.soft((await walk('sort=createdAt', 1, sameMs)).ids, 'sort=createdAt').toEqual(created);
      expect.soft((await walk('sort=-createdAt', 1, sameMs)).ids, 'sort=-createdAt').toEqual([...created].reverse());
    });

    it('walks filtered pages too', async () => {
      const walked = await walk('status=active&sort=name', 1);
      expect(walked.ids).toEqual([ids.alpha, ids.charlie, ...echoes]);
    });

    it('refuses an invalid cursor, limit, sort, status, plan or unknown parameter with 400', async () => {
      const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      for (const [query, field] of [
        ['cursor=not-a-cursor', 'cursor'],
        [`cursor=${forged({ v: 'x' })}`, 'cursor'],
        [`cursor=${forged({ v: { $gt: '' }, id: randomUUID() })}`, 'cursor'],
        [`cursor=${'a'.repeat(513)}`, 'cursor'],
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=ten', 'limit'],
        ['sort=status', 'sort'],
        ['sort=name;DROP TABLE platform.tenants', 'sort'],
        ['status=gone', 'status'],
        ['plan=gold', 'plan'],
        ['owner=me', 'owner'],
      ]) {
        const res = await list(query);
        expect(res.status, query).toBe(400);
        expect(res.body.code, query).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res), query).toContain(field);
      }
    });
  });

  describe('GET /api/v1/platform/tenants/:id', () => {
    it('answers 404 TENANT_NOT_FOUND for an unknown id', async () => {
      const res = await platform('GET', `/${randomUUID()}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    });

    it('answers 400 VALIDATION_FAILED for an id that is not a uuid, on every route', async () => {
      for (const [method, path] of [
        ['GET', '/not-a-uuid'],
        ['GET', "/1' OR '1'='1"],
        ['PATCH', '/not-a-uuid'],
        ['POST', '/not-a-uuid/suspend'],
        ['POST', '/not-a-uuid/reactivate'],
        ['DELETE', '/not-a-uuid'],
      ]) {
        const res = await platform(method, encodeURI(path), method === 'PATCH' ? { name: 'x' } : undefined);
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(res.body.code, `${method} ${path}`).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('purge', () => {
    it('drops the schema and role of a deleted tenant once its grace period has passed, and not before', async () => {
      const purge = api.app.get(TenantPurgeService);
      const grace = api.config.TENANT_PURGE_GRACE_DAYS * DAY_MS;
      const [expired, recent] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
      expect((await platform('DELETE', `/${expired.id}`)).status).toBe(200);
      expect((await platform('DELETE', `/${recent.id}`)).status).toBe(200);
      expect(await schemaExists(expired.id)).toBe(true);
      expect(await roleExists(expired.id)).toBe(true);

      // `expired` was deleted long ago. Purging "as of" a date decides what is due without
      // touching tenants other test files delete meanwhile (all deleted after that date).
      const deletedAt = new Date('2001-02-03T04:05:06.000Z');
      await pg.query('UPDATE platform.tenants SET deleted_at = $1 WHERE id = $2', [deletedAt, expired.id]);

      const early = await purge.purgeExpired(new Date(deletedAt.getTime() + grace - 1000));
      expect(early).not.toContain(expired.id);
      expect(await schemaExists(expired.id)).toBe(true);

      const due = await purge.purgeExpired(new Date(deletedAt.getTime() + grace + 1000));
      expect(due).toContain(expired.id);
      expect(due).not.toContain(recent.id);

      expect(await schemaExists(expired.id)).toBe(false);
      expect(await roleExists(expired.id)).toBe(false);
      const migrations = await pg.query('SELECT 1 FROM platform.tenant_migrations WHERE tenant_id = $1', [expired.id]);
      expect(migrations.rowCount).toBe(0);
      const row = await pg.query('SELECT status, purged_at FROM platform.tenants WHERE id = $1', [expired.id]);
      expect(row.rows).toEqual([{ status: 'deleted', purged_at: expect.any(Date) }]);

      // The registry row stays, marked purged; to its users the tenant no longer exists.
      const shown = await platform('GET', `/${expired.id}`);
      expect(shown.body).toMatchObject({ status: 'deleted', deletedAt: deletedAt.toISOString(), purgeAfter: null });
      for (const res of [await loginTo(expired), await projectsOf(expired)]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('TENANT_NOT_FOUND');
      }

      // Still within its grace period: untouched.
      expect(await schemaExists(recent.id)).toBe(true);
      expect(await roleExists(recent.id)).toBe(true);
      const kept = await platform('GET', `/${recent.id}`);
      expect(Date.parse(kept.body.purgeAfter!) - Date.parse(kept.body.deletedAt!)).toBe(grace);

      // Purging again is harmless.
      expect(await purge.purgeExpired(new Date(deletedAt.getTime() + grace + 1000))).not.toContain(expired.id);
    });
  });
});
