import { PlatformUsersService } from '@stratum/identity';
import { MIGRATIONS } from '@stratum/migrations';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';

const TENANT_TABLES = [
  'api_keys',
  'audit_chain',
  'audit_events',
  'directory_events',
  'directory_group_members',
  'directory_group_roles',
  'directory_groups',
  'directory_role_grants',
  'directory_tokens',
  'directory_users',
  'documents',
  'login_events',
  'mfa_recovery_codes',
  'projects',
  'refresh_tokens',
  'resource_grants',
  'roles',
  'sessions',
  'sso_identities',
  'sso_providers',
  'support_access_windows',
  'user_roles',
  'user_tokens',
  'users',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_endpoints',
  'webhook_messages',
];
const SYSTEM_ROLES = ['auditor', 'member', 'project_manager', 'tenant_admin', 'viewer'];
const TENANT_MIGRATIONS = MIGRATIONS.tenant.map((M) => new M().name ?? M.name);

interface NewTenantBody {
  name: string;
  slug: string;
  plan: string;
  admin: { email: string; name: string; password: string };
  settings?: Record<string, unknown>;
}

function newTenant(slug: string): NewTenantBody {
  return {
    name: `Tenant ${slug}`,
    slug,
    plan: 'starter',
    admin: { email: `admin@${slug}.test`, name: 'First Admin', password: `pw-${slug}-long-enough` },
  };
}

/** The fields a VALIDATION_FAILED reply names. */
const fieldsOf = (res: Reply<{ errors?: { field: string }[] }>) => (res.body.errors ?? []).map((e) => e.field);

/** `t_<hex>`: the schema and role of a tenant, derived from its id. */
const dbName = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;

/**
 * What a tenant whose id starts with `idHexPrefix` (hex, dashes removed) left in PostgreSQL.
 * A prefix of 15 hex digits (60 bits) identifies one tenant among any realistic number.
 */
async function footprint(pg: Client, idHexPrefix: string) {
  const like = `t\\_${idHexPrefix}%`;
  const [schemas, roles, registry, migrations] = await Promise.all([
    pg.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [like]),
    pg.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [like]),
    pg.query<{ id: string }>("SELECT id FROM platform.tenants WHERE replace(id::text, '-', '') LIKE $1", [`${idHexPrefix}%`]),
    pg.query<{ name: string }>("SELECT name FROM platform.tenant_migrations WHERE replace(tenant_id::text, '-', '') LIKE $1", [
      `${idHexPrefix}%`,
    ]),
  ]);
  return {
    schemas: schemas.rows.map((r) => r.nspname),
    roles: roles.rows.map((r) => r.rolname),
    registry: registry.rows.map((r) => r.id),
    migrations: migrations.rows.map((r) => r.name),
  };
}

async function registryRowsWithSlug(pg: Client, slug: string): Promise<{ id: string; schema_name: string }[]> {
  return (await pg.query('SELECT id, schema_name FROM platform.tenants WHERE slug = $1', [slug])).rows;
}

/**
 * Tenant schemas with no registry row. Provisioning commits the row and the schema together,
 * so at any snapshot, whatever other test files are provisioning meanwhile, this is empty.
 */
async function orphanTenantSchemas(pg: Client): Promise<string[]> {
  const { rows } = await pg.query<{ nspname: string }>(
    `SELECT nspname FROM pg_namespace
      WHERE nspname ~ '^t_[0-9a-f]{32}$' AND nspname NOT IN (SELECT schema_name FROM platform.tenants)`,
  );
  return rows.map((r) => r.nspname);
}

/**
 * A non-transactional probe: `setval` survives the rollback of the transaction that called it,
 * so a trigger can leave evidence (60 bits of the failing tenant's id) of a failure it injected.
 */
async function createProbe(pg: Client, name: string): Promise<() => Promise<string | null>> {
  await pg.query(`CREATE SEQUENCE public.${name} MINVALUE 0`);
  return async () => {
    const { rows } = await pg.query<{ is_called: boolean; hex: string }>(
      `SELECT is_called, lpad(to_hex(last_value), 15, '0') AS hex FROM public.${name}`,
    );
    return rows[0].is_called ? rows[0].hex : null;
  };
}

describe('tenant provisioning', () => {
  let api: TestApi;
  let root: string;
  let pg: Client;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  /** POST /platform/tenants as the super admin, as `token`, or (null) with no token at all. */
  const provision = (body: unknown, token: string | null = root) =>
    api.call('POST', '/api/v1/platform/tenants', { token: token ?? undefined, body });

  describe('POST /api/v1/platform/tenants', () => {
    let slug: string;
    let body: NewTenantBody;
    let created: { id: string; [key: string]: unknown };
    let name: string;

    beforeAll(async () => {
      slug = uniqueSlug('prov');
      body = {
        ...newTenant(slug),
        name: `  Acme ${slug}  `,
        plan: 'enterprise',
        settings: { allowedEmailDomains: [`${slug}.test`] },
      };
      const res = await provision(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      created = res.body;
      name = dbName(created.id);
    });

    it('answers 201 with the new, active tenant', () => {
      expect(created).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        slug,
        name: `Acme ${slug}`,
        status: 'active',
        plan: 'enterprise',
        settings: { supportAccess: 'consent', allowedEmailDomains: [`${slug}.test`] },
        limitOverrides: {},
        suspendedAt: null,
        deletedAt: null,
        purgeAfter: null,
      });
      expect(Number.isNaN(Date.parse(created.createdAt as string))).toBe(false);
    });

    it('records the tenant in the registry with the schema and role derived from its id', async () => {
      const rows = await registryRowsWithSlug(pg, slug);
      expect(rows).toEqual([{ id: created.id, schema_name: name }]);
      const fetched = await api.call('GET', `/api/v1/platform/tenants/${created.id}`, { token: root });
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created);
    });

    it('creates the schema and a NOLOGIN role that may use its own schema and no other', async () => {
      const schema = await pg.query('SELECT nspname FROM pg_namespace WHERE nspname = $1', [name]);
      expect(schema.rowCount).toBe(1);
      const role = await pg.query(
        'SELECT rolcanlogin, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = $1',
        [name],
      );
      expect(role.rows).toEqual([
        { rolcanlogin: false, rolsuper: false, rolinherit: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
      ]);

      // Granted to the role itself: USAGE on its own schema, nothing else.
      const granted = await pg.query(
        `SELECT n.nspname, a.privilege_type FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
          WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
        [name],
      );
      expect(granted.rows).toEqual([{ nspname: name, privilege_type: 'USAGE' }]);

      // Effective rights, PUBLIC's included: of the platform and tenant schemas, only its own.
      const other = await createTenant(api, root);
      const usable = await pg.query<{ nspname: string }>(
        `SELECT nspname FROM pg_namespace
          WHERE (nspname = 'platform' OR nspname ~ '^t_[0-9a-f]{32}$') AND has_schema_privilege($1, oid, 'USAGE')`,
        [name],
      );
      expect(usable.rows.map((r) => r.nspname)).toEqual([name]);
      const rights = await pg.query(
        `SELECT has_schema_privilege($1, $2, 'CREATE') AS create_own,
                has_schema_privilege($1, $3, 'USAGE') AS use_other,
                has_schema_privilege($1, 'platform', 'USAGE') AS use_platform`,
        [name, name, dbName(other.id)],
      );
      expect(rights.rows[0]).toEqual({ create_own: false, use_other: false, use_platform: false });
    });

    it("creates every tenant table, owned by the app's login role and reached by the tenant role through grants", async () => {
      const [{ login_role }] = await api.app.get(DataSource).query('SELECT current_user AS login_role');
      expect(login_role).not.toBe(name);
      const tables = await pg.query<{ tablename: string; tableowner: string }>(
        'SELECT tablename, tableowner FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
        [name],
      );
      expect(tables.rows.map((t) => t.tablename)).toEqual(TENANT_TABLES);
      for (const t of tables.rows) expect(t.tableowner, t.tablename).toBe(login_role);

      const privileges = await pg.query(
        `SELECT c.relname,
                has_table_privilege($1, c.oid, 'SELECT') AS sel, has_table_privilege($1, c.oid, 'INSERT') AS ins,
                has_table_privilege($1, c.oid, 'UPDATE') AS upd, has_table_privilege($1, c.oid, 'DELETE') AS del,
                has_table_privilege($1, c.oid, 'TRUNCATE') AS trunc, has_table_privilege($1, c.oid, 'REFERENCES') AS refs,
                has_table_privilege($1, c.oid, 'TRIGGER') AS trig, pg_has_role($1, c.relowner, 'USAGE') AS owns
           FROM pg_class c WHERE c.relnamespace = $2::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
        [name, name],
      );
      // The audit trail is append-only for the tenant role; its chain head can only move forward.
      const APPEND_ONLY: Record<string, { ins: boolean; upd: boolean; del: boolean }> = {
        audit_events: { ins: true, upd: false, del: false },
        audit_chain: { ins: false, upd: true, del: false },
        // Webhook messages and attempts are never changed (retention deletes them); deliveries are never deleted by hand.
        webhook_messages: { ins: true, upd: false, del: true },
        webhook_attempts: { ins: true, upd: false, del: true },
        webhook_deliveries: { ins: true, upd: true, del: false },
      };
      expect(privileges.rows).toEqual(
        TENANT_TABLES.map((relname) => ({
          relname,
          sel: true,
          ...(APPEND_ONLY[relname] ?? { ins: true, upd: true, del: true }),
          trunc: false,
          refs: false,
          trig: false,
          owns: false,
        })),
      );
    });

    it('records one platform.tenant_migrations row per tenant migration', async () => {
      expect(TENANT_MIGRATIONS.length).toBeGreaterThan(0);
      const { rows } = await pg.query<{ name: string }>(
        'SELECT name FROM platform.tenant_migrations WHERE tenant_id = $1 ORDER BY name',
        [created.id],
      );
      expect(rows.map((r) => r.name)).toEqual([...TENANT_MIGRATIONS].sort());
    });

    it('seeds the five system roles', async () => {
      const { rows } = await pg.query(`SELECT key, is_system FROM "${name}".roles ORDER BY key`);
      expect(rows).toEqual(SYSTEM_ROLES.map((key) => ({ key, is_system: true })));
    });

    it('creates the first admin with tenant_admin, who can log in and work in the tenant', async () => {
      const { rows } = await pg.query(
        `SELECT u.email, u.status, array_agg(r.key ORDER BY r.key) AS roles
           FROM "${name}".users u
           JOIN "${name}".user_roles ur ON ur.user_id = u.id
           JOIN "${name}".roles r ON r.id = ur.role_id
          GROUP BY u.id`,
      );
      expect(rows).toEqual([{ email: body.admin.email, status: 'active', roles: ['tenant_admin'] }]);

      const token = await login(api, slug, body.admin.email, body.admin.password);
      const project = await api.call('POST', '/api/v1/projects', { token, body: { name: 'First project' } });
      expect(project.status, JSON.stringify(project.body)).toBe(201);
      const stored = await pg.query(`SELECT name FROM "${name}".projects`);
      expect(stored.rows).toEqual([{ name: 'First project' }]);
    });
  });

  describe('all or nothing', () => {
    const tag = randomBytes(4).toString('hex');
    const prefix = `fault-${tag}`;
    const objects = {
      probe: `stratum_probe_${tag}`,
      migrationsFault: `stratum_fault_migrations_${tag}`,
      usersFault: `stratum_fault_users_${tag}`,
      arm: `stratum_arm_users_fault_${tag}`,
    };

    async function dropFaults(): Promise<void> {
      await pg.query(`DROP EVENT TRIGGER IF EXISTS ${objects.arm}`);
      await pg.query(`DROP TRIGGER IF EXISTS ${objects.migrationsFault} ON platform.tenant_migrations`);
      await pg.query(`DROP FUNCTION IF EXISTS public.${objects.migrationsFault}()`);
      await pg.query(`DROP FUNCTION IF EXISTS public.${objects.arm}()`);
      await pg.query(`DROP FUNCTION IF EXISTS public.${objects.usersFault}() CASCADE`);
      await pg.query(`DROP SEQUENCE IF EXISTS public.${objects.probe}`);
    }

    afterAll(() => dropFaults());

    async function expectNothingLeftBehind(slug: string, failedIdPrefix: string): Promise<void> {
      expect(await registryRowsWithSlug(pg, slug)).toEqual([]);
      expect(await footprint(pg, failedIdPrefix)).toEqual({ schemas: [], roles: [], registry: [], migrations: [] });
      expect(await orphanTenantSchemas(pg)).toEqual([]);
    }

    async function expectProvisionedCleanly(body: NewTenantBody): Promise<void> {
      const res = await provision(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const whole = await footprint(pg, res.body.id.replace(/-/g, ''));
      expect(whole).toEqual({
        schemas: [dbName(res.body.id)],
        roles: [dbName(res.body.id)],
        registry: [res.body.id],
        migrations: expect.arrayContaining(TENANT_MIGRATIONS),
      });
      expect(whole.migrations).toHaveLength(TENANT_MIGRATIONS.length);
      await login(api, body.slug, body.admin.email, body.admin.password);
    }

    it('leaves nothing behind when recording the migrations fails, after the schema, role and tables exist', async () => {
      const slug = `${prefix}-m`;
      const readProbe = await createProbe(pg, `${objects.probe}`);
      try {
        // Fails the INSERT into platform.tenant_migrations for this test's tenants only; it records
        // (in the probe) the tenant it failed, and only when schema, role and tables existed by then.
        await pg.query(`
          CREATE FUNCTION public.${objects.migrationsFault}() RETURNS trigger LANGUAGE plpgsql AS $fn$
          DECLARE db text := 't_' || replace(NEW.tenant_id::text, '-', '');
          BEGIN
            IF EXISTS (SELECT 1 FROM platform.tenants WHERE id = NEW.tenant_id AND slug LIKE '${prefix}-%') THEN
              IF to_regclass(format('%I.documents', db)) IS NOT NULL AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = db) THEN
                PERFORM setval('public.${objects.probe}', ('x' || substr(db, 3, 15))::bit(60)::bigint);
              END IF;
              RAISE EXCEPTION 'injected fault while recording the migrations of tenant %', NEW.tenant_id;
            END IF;
            RETURN NEW;
          END $fn$`);
        await pg.query(
          `CREATE TRIGGER ${objects.migrationsFault} BEFORE INSERT ON platform.tenant_migrations
             FOR EACH ROW EXECUTE FUNCTION public.${objects.migrationsFault}()`,
        );

        const res = await provision(newTenant(slug));
        expect(res.status).toBe(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', requestId: expect.any(String) });
        expect(JSON.stringify(res.body)).not.toContain('injected fault');

        const failed = await readProbe();
        expect(failed, 'the injected fault did not fire mid-way').toMatch(/^[0-9a-f]{15}$/);
        await expectNothingLeftBehind(slug, failed!);
      } finally {
        await dropFaults();
      }
      await expectProvisionedCleanly(newTenant(slug));
    });

    it('leaves nothing behind when seeding the first admin fails', async () => {
      const slug = `${prefix}-s`;
      const readProbe = await createProbe(pg, `${objects.probe}`);
      try {
        // The users table does not exist before provisioning: an event trigger puts a failing
        // BEFORE INSERT trigger on it as the migration creates it, for this test's tenants only.
        await pg.query(`
          CREATE FUNCTION public.${objects.usersFault}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog AS $fn$
          BEGIN
            PERFORM setval('public.${objects.probe}', ('x' || substr(TG_TABLE_SCHEMA, 3, 15))::bit(60)::bigint);
            RAISE EXCEPTION 'injected fault while seeding %', TG_TABLE_SCHEMA;
          END $fn$`);
        await pg.query(`
          CREATE FUNCTION public.${objects.arm}() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
          DECLARE cmd record;
          BEGIN
            FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
              IF cmd.object_type = 'table' AND cmd.schema_name ~ '^t_[0-9a-f]{32}$' AND cmd.object_identity = cmd.schema_name || '.users' THEN
                IF EXISTS (SELECT 1 FROM platform.tenants WHERE schema_name = cmd.schema_name AND slug LIKE '${prefix}-%') THEN
                  EXECUTE format('CREATE TRIGGER ${objects.usersFault} BEFORE INSERT ON %I.users
                                    FOR EACH ROW EXECUTE FUNCTION public.${objects.usersFault}()', cmd.schema_name);
                END IF;
              END IF;
            END LOOP;
          END $fn$`);
        await pg.query(
          `CREATE EVENT TRIGGER ${objects.arm} ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION public.${objects.arm}()`,
        );

        const res = await provision(newTenant(slug));
        expect(res.status).toBe(500);
        expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });

        const failed = await readProbe();
        expect(failed, 'the injected fault did not fire in the seed step').toMatch(/^[0-9a-f]{15}$/);
        await expectNothingLeftBehind(slug, failed!);
      } finally {
        await dropFaults();
      }
      await expectProvisionedCleanly(newTenant(slug));
    });
  });

  describe('slugs', () => {
    it('answers 409 TENANT_SLUG_TAKEN for a slug in use, and changes nothing', async () => {
      const first = await createTenant(api, root);
      const again = await provision({ ...newTenant(first.slug), admin: { ...newTenant(first.slug).admin, email: 'x@y.test' } });
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(again.body.code).toBe('TENANT_SLUG_TAKEN');
      expect(await registryRowsWithSlug(pg, first.slug)).toEqual([{ id: first.id, schema_name: dbName(first.id) }]);
      expect(await orphanTenantSchemas(pg)).toEqual([]);
      // The original tenant and its admin are untouched.
      const still = await api.call('GET', '/api/v1/projects', { token: first.token });
      expect(still.status).toBe(200);
    });

    it('provisions exactly one of two concurrent requests for the same slug', async () => {
      const slug = uniqueSlug('race');
      const bodies = ['one', 'two'].map((who) => ({
        ...newTenant(slug),
        admin: { email: `${who}@${slug}.test`, name: who, password: `pw-${who}-long-enough` },
      }));
      const replies = await Promise.all(bodies.map((b) => provision(b)));
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
      const winner = replies.findIndex((r) => r.status === 201);
      expect(replies[1 - winner].body.code).toBe('TENANT_SLUG_TAKEN');

      const rows = await registryRowsWithSlug(pg, slug);
      expect(rows).toEqual([{ id: replies[winner].body.id, schema_name: dbName(replies[winner].body.id) }]);
      const schemas = await pg.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [rows[0].schema_name]);
      expect(schemas.rowCount).toBe(1);
      expect(await orphanTenantSchemas(pg)).toEqual([]);

      // The tenant holds the winner's admin only.
      await login(api, slug, bodies[winner].admin.email, bodies[winner].admin.password);
      const loser = bodies[1 - winner].admin;
      const refused = await api.call('POST', '/api/v1/auth/login', {
        tenant: slug,
        body: { email: loser.email, password: loser.password },
      });
      expect(refused.status).toBe(401);
    });

    it.each([
      ['uppercase', 'Acme-Corp'],
      ['too short', 'ab'],
      ['too long', `a${'b'.repeat(63)}`],
      ['starting with a digit', '1acme'],
      ['starting with a dash', '-acme'],
      ['with an underscore', 'acme_corp'],
      ['with a space', 'acme corp'],
      ['SQL', "acme'; DROP SCHEMA platform CASCADE; --"],
      ['a quoted identifier', 'acme"; DROP ROLE postgres; --'],
      ['empty', ''],
      ['not a string', 12345],
    ])('refuses a slug that is %s with 400 VALIDATION_FAILED on slug', async (_, slug) => {
      const res = await provision({ ...newTenant('valid-slug'), slug });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(new Set(fieldsOf(res))).toEqual(new Set(['slug']));
    });

    it('accepts the longest and shortest valid slugs', async () => {
      const tag = randomBytes(2).toString('hex');
      const longest = `l${tag}${'x'.repeat(62 - tag.length)}`;
      expect(longest).toHaveLength(63);
      const shortest = `s${tag.slice(0, 2)}`;
      for (const slug of [longest, shortest]) {
        const res = await provision(newTenant(slug));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.slug).toBe(slug);
      }
    });
  });

  describe('request validation', () => {
    it('refuses unknown fields, at the top level and in the admin, and creates nothing', async () => {
      const slug = uniqueSlug('unknown');
      const top = await provision({ ...newTenant(slug), schemaName: 'platform' });
      expect(top.status).toBe(400);
      expect(top.body.code).toBe('VALIDATION_FAILED');
      expect(top.body.errors).toContainEqual({ field: 'schemaName', message: 'schemaName is not a known field' });

      const nested = await provision({ ...newTenant(slug), admin: { ...newTenant(slug).admin, roles: ['super_admin'] } });
      expect(nested.status).toBe(400);
      expect(nested.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(nested)).toContain('admin.roles');

      expect(await registryRowsWithSlug(pg, slug)).toEqual([]);
    });

    it('refuses a request without an admin, or with a null one', async () => {
      const slug = uniqueSlug('noadmin');
      const { admin: _admin, ...withoutAdmin } = newTenant(slug);
      for (const body of [withoutAdmin, { ...withoutAdmin, admin: null }]) {
        const res = await provision(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res)).toContain('admin');
      }
      expect(await registryRowsWithSlug(pg, slug)).toEqual([]);
    });

    it('lists every invalid field: plan, name, admin email and password', async () => {
      const slug = uniqueSlug('fields');
      const res = await provision({
        name: '',
        slug,
        plan: 'platinum',
        admin: { email: 'not-an-email', name: 'Admin', password: 'short' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = new Set(fieldsOf(res));
      expect([...fields].sort()).toEqual(['admin.email', 'admin.password', 'name', 'plan']);
      expect(await registryRowsWithSlug(pg, slug)).toEqual([]);
    });
  });

  describe('who may provision', () => {
    let tenant: TestTenant;
    let support: string;

    beforeAll(async () => {
      tenant = await createTenant(api, root);
      const email = `support-${randomBytes(4).toString('hex')}@stratum.test`;
      const password = 'support-password-long-enough';
      await api.app.get(PlatformUsersService).ensure(email, 'Support', password, ['support']);
      const res = await api.call('POST', '/api/v1/platform/auth/login', { body: { email, password } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      support = res.body.accessToken;
    });

    it('answers 401 without a token', async () => {
      const slug = uniqueSlug('anon');
      const res = await provision(newTenant(slug), null);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(await registryRowsWithSlug(pg, slug)).toEqual([]);
    });

    it("answers 403 FORBIDDEN to a tenant admin's token", async () => {
      const slug = uniqueSlug('tenantuser');
      const res = await provision(newTenant(slug), tenant.token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await registryRowsWithSlug(pg, slug)).toEqual([]);
      const list = await api.call('GET', '/api/v1/platform/tenants', { token: tenant.token });
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('FORBIDDEN');
    });

    it('lets support staff read tenants but not provision or change them', async () => {
      const list = await api.call('GET', `/api/v1/platform/tenants?q=${tenant.slug}`, { token: support });
      expect(list.status).toBe(200);
      expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([tenant.id]);
      const one = await api.call('GET', `/api/v1/platform/tenants/${tenant.id}`, { token: support });
      expect(one.status).toBe(200);
      expect(one.body.slug).toBe(tenant.slug);

      const slug = uniqueSlug('bysupport');
      const attempts: [string, string, unknown?][] = [
        ['POST', '/api/v1/platform/tenants', newTenant(slug)],
        ['PATCH', `/api/v1/platform/tenants/${tenant.id}`, { name: 'Renamed by support', plan: 'free' }],
        ['POST', `/api/v1/platform/tenants/${tenant.id}/suspend`],
        ['POST', `/api/v1/platform/tenants/${tenant.id}/reactivate`],
        ['DELETE', `/api/v1/platform/tenants/${tenant.id}`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await api.call(method, path, { token: support, body });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }

      expect(await registryRowsWithSlug(pg, slug)).toEqual([]);
      const after = await api.call('GET', `/api/v1/platform/tenants/${tenant.id}`, { token: root });
      expect(after.body).toMatchObject({ name: `Tenant ${tenant.slug}`, plan: 'professional', status: 'active' });
      const working = await api.call('GET', '/api/v1/projects', { token: tenant.token });
      expect(working.status).toBe(200);
    });
  });
});
