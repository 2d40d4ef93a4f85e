import { TenantProvisioner } from '@stratum/tenancy';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { asAppRole } from '../support/config';
import { uniqueSlug } from '../support/fixtures';

/**
 * Everything the catalogue says about a tenant's schema and role, with the schema/role name
 * replaced by a placeholder: two tenants provisioned alike give equal snapshots.
 */
async function catalogue(pg: Client, name: string): Promise<Record<string, unknown[]>> {
  const q = async (sql: string) =>
    (await pg.query(sql, [name])).rows.map((r) => JSON.parse(JSON.stringify(r).split(name).join('<tenant>')));
  return {
    schema: await q(
      `SELECT nspacl::text[] AS acl, pg_get_userbyid(nspowner) = current_user AS owned FROM pg_namespace WHERE nspname = $1`,
    ),
    role: await q(
      `SELECT rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit,
              (SELECT array_agg(pg_get_userbyid(m.member)::text ORDER BY 1) FROM pg_auth_members m WHERE m.roleid = r.oid) AS members,
              (SELECT array_agg(pg_get_userbyid(m.roleid)::text ORDER BY 1) FROM pg_auth_members m WHERE m.member = r.oid) AS member_of
         FROM pg_roles r WHERE rolname = $1`,
    ),
    relations: await q(
      `SELECT c.relname, c.relkind, c.relacl::text[] AS acl, c.reloptions, c.relpersistence, pg_get_userbyid(c.relowner) = current_user AS owned
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 ORDER BY c.relname`,
    ),
    columns: await q(
      `SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
              pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity, a.attgenerated, a.attacl::text[] AS acl
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum`,
    ),
    constraints: await q(
      `SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) AS def, k.condeferrable
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 ORDER BY c.relname, k.conname`,
    ),
    indexes: await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`),
    triggers: await q(
      `SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) AS def, t.tgenabled
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND NOT t.tgisinternal ORDER BY c.relname, t.tgname`,
    ),
    functions: await q(
      `SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, pg_get_functiondef(p.oid) AS def, p.proacl::text[] AS acl, p.proconfig
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 ORDER BY p.proname`,
    ),
    defaultPrivileges: await q(
      `SELECT d.defaclobjtype, d.defaclacl::text[] AS acl FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace
        WHERE n.nspname = $1 ORDER BY d.defaclobjtype`,
    ),
  };
}

/** Rows migrations write into a new schema, without their generated ids and times. */
async function seededRows(pg: Client, name: string) {
  const roles = await pg.query(`SELECT key, name, description, is_system FROM "${name}".roles ORDER BY key`);
  const chain = await pg.query(`SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM "${name}".audit_chain`);
  return { roles: roles.rows, chain: chain.rows };
}

describe('fast provisioning (many schemas per transaction, replayed DDL)', () => {
  let api: TestApi;
  let pg: Client;

  beforeAll(async () => {
    // As the app's own role (not a superuser): the replayed DDL must need no more than the migrations do.
    api = await startApi(asAppRole());
    pg = new Client({ connectionString: inject('appDatabaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  it('creates exactly what normal provisioning creates: schema, role, tables, columns, constraints, indexes, triggers, functions, grants, seeded rows', async () => {
    const provisioner = api.app.get(TenantProvisioner);
    const normal = await provisioner.provision({ slug: uniqueSlug('normal'), name: 'Normal', plan: 'free' });
    const [fast, second] = await provisioner.provisionMany([
      { slug: uniqueSlug('fast'), name: 'Fast', plan: 'free' },
      { slug: uniqueSlug('fast'), name: 'Fast too', plan: 'free' },
    ]);
    const expected = await catalogue(pg, normal.schemaName);
    expect(expected.relations.length).toBeGreaterThan(20);
    expect(expected.triggers.length).toBeGreaterThan(0);
    expect(expected.functions.length).toBeGreaterThan(0);
    expect(expected.defaultPrivileges).toHaveLength(2);
    expect(await catalogue(pg, fast.schemaName)).toEqual(expected);
    expect(await catalogue(pg, second.schemaName)).toEqual(expected);
    expect(await seededRows(pg, fast.schemaName)).toEqual(await seededRows(pg, normal.schemaName));

    // Registry and migration records as for a normal tenant.
    const migrations = async (id: string) =>
      (await pg.query('SELECT name FROM platform.tenant_migrations WHERE tenant_id = $1 ORDER BY name', [id])).rows.map(
        (r) => r.name,
      );
    expect(await migrations(fast.id)).toEqual(await migrations(normal.id));
    expect(fast).toMatchObject({ status: 'active', cluster: 'main', schemaName: `t_${fast.id.replace(/-/g, '')}` });
  });

  it('provisions a batch all or nothing: a taken slug leaves no schema, role or registry row of the batch', async () => {
    const provisioner = api.app.get(TenantProvisioner);
    const taken = uniqueSlug('taken');
    await provisioner.provision({ slug: taken, name: 'Taken', plan: 'free' });
    const fresh = uniqueSlug('fresh');
    const schemasBefore = Number((await pg.query(`SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't\\_%'`)).rows[0].count);
    await expect(
      provisioner.provisionMany([
        { slug: fresh, name: 'Fresh', plan: 'free' },
        { slug: taken, name: 'Again', plan: 'free' },
      ]),
    ).rejects.toThrow(/duplicate key|slug/);
    expect((await pg.query('SELECT 1 FROM platform.tenants WHERE slug = $1', [fresh])).rowCount).toBe(0);
    const schemasAfter = Number((await pg.query(`SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't\\_%'`)).rows[0].count);
    // Other files provision concurrently, so only this batch's absence is certain: no schema appeared for it.
    expect(schemasAfter).toBeGreaterThanOrEqual(schemasBefore);
    const orphan = await pg.query(
      `SELECT n.nspname FROM pg_namespace n WHERE n.nspname LIKE 't\\_%' AND NOT EXISTS (SELECT 1 FROM platform.tenants t WHERE t.schema_name = n.nspname)`,
    );
    expect(orphan.rows).toEqual([]);
  });

  it('gives fast-provisioned tenants a working tenant: seeded admin logs in and works', async () => {
    const provisioner = api.app.get(TenantProvisioner);
    const slug = uniqueSlug('fastseed');
    const password = 'fast-seeded-password-long';
    const { hash } = await import('@node-rs/argon2');
    const passwordHash = await hash(password);
    const { RoleAssignments } = await import('@stratum/rbac');
    const roles = api.app.get(RoleAssignments);
    await provisioner.provisionMany([{ slug, name: 'Seeded', plan: 'professional' }], async (em) => {
      const [user] = await em.query(
        `INSERT INTO users (email, name, password_hash, status) VALUES ('admin@seeded.test', 'Admin', $1, 'active') RETURNING id`,
        [passwordHash],
      );
      await roles.assignSystemRole(em, user.id, 'tenant_admin');
    });
    const res = await api.call('POST', '/api/v1/auth/login', { tenant: slug, body: { email: 'admin@seeded.test', password } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const created = await api.call('POST', '/api/v1/projects', { token: res.body.accessToken, body: { name: 'Works' } });
    expect(created.status).toBe(201);
  });
});
