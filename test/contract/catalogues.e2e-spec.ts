import { auditActionCatalogue, AUDITED, AuditedRoute, domainEventCatalogue } from '@stratum/common';
import { POLICY, RoutePolicy } from '@stratum/rbac';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { sweepRoutes } from '../support/routes';

const ROOT = join(__dirname, '..', '..');

/** Product source files (not tests), relative to the repository. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const SOURCES = [...sources('libs'), ...sources('apps')].map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

/** Every match of `pattern` in the product source, with where it was found. */
function uses(pattern: RegExp): { name: string; at: string }[] {
  const found: { name: string; at: string }[] = [];
  for (const { file, text } of SOURCES) {
    for (const m of text.matchAll(pattern)) {
      // A call may name its action in a conditional: take every quoted name in the matched text.
      for (const [, name] of m[1].matchAll(/'([a-z_]+\.[a-z_.]+)'/g))
        found.push({ name, at: `${file}:${text.slice(0, m.index).split('\n').length}` });
    }
  }
  return found;
}

/**
 * The catalogues hold everything the product uses: the permissions route policies require (and
 * the tenant admin holds them all), the audit actions routes and services record, the event types
 * services emit. The compiler already refuses an unknown name; this holds the running app to it.
 */
describe('catalogues', () => {
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startApi();
    tenant = await createTenant(api, await superAdminToken(api));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('has every permission a route requires, held by tenant_admin', async () => {
    const catalogue = await api.call('GET', '/api/v1/permissions', { token: tenant.token });
    expect(catalogue.status).toBe(200);
    const permissions = new Set<string>(catalogue.body.items.map((p: { key: string }) => p.key));
    const roles = await api.call('GET', '/api/v1/roles?limit=100', { token: tenant.token });
    expect(roles.status).toBe(200);
    const admin = roles.body.items.find((r: { key: string }) => r.key === 'tenant_admin');
    const held = new Set<string>(admin.permissions);
    const required = sweepRoutes(api).flatMap((r) => {
      const policy = r.meta<RoutePolicy>(POLICY);
      return policy?.kind === 'permissions' ? policy.permissions.map((p) => ({ p, route: `${r.method} ${r.path}` })) : [];
    });
    expect(required.length).toBeGreaterThan(20);
    expect(required.filter(({ p }) => !permissions.has(p)).map(({ p, route }) => `${route}: ${p}`)).toEqual([]);
    expect(required.filter(({ p }) => !held.has(p)).map(({ p, route }) => `${route}: ${p} not held by tenant_admin`)).toEqual([]);
  });

  it('has every audit action a route or a service records', () => {
    const actions = auditActionCatalogue();
    const routes = sweepRoutes(api).flatMap((r) => {
      const audited = r.meta<AuditedRoute>(AUDITED);
      return audited ? [{ name: audited.action, at: `${r.method} ${r.path}` }] : [];
    });
    expect(routes.length).toBeGreaterThan(50);
    // Services: AuditNotes.note(action, …), AuditRecorder events ({ action: '…' }) and the audit library's own drafts.
    const services = [...uses(/\.note\(([^,]+),/g), ...uses(/\b(action: '[^']+')/g), ...uses(/\.draft\(('[^']+')/g)];
    expect(services.length).toBeGreaterThan(10);
    expect([...routes, ...services].filter((u) => !actions.has(u.name)).map((u) => `${u.at}: ${u.name}`)).toEqual([]);
  });

  it('has every event type a service emits, and publishes it with its schema', async () => {
    const served = await api.call('GET', '/api/v1/webhooks/event-types', { token: tenant.token });
    expect(served.status).toBe(200);
    const published = new Map<string, unknown>(
      served.body.items.map((t: { type: string; schema: unknown }) => [t.type, t.schema]),
    );
    expect([...published.keys()]).toEqual(domainEventCatalogue().map((e) => e.type));
    const emitted = [...uses(/\.emit\(\s*('[^']+')/g), ...uses(/\.emitTo\([^,]+,\s*('[^']+')/g)];
    expect(emitted.length).toBeGreaterThan(15);
    expect(emitted.filter((u) => !published.get(u.name)).map((u) => `${u.at}: ${u.name}`)).toEqual([]);
  });
});
