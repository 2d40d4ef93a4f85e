import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApi } from './api';
import { SUPERADMIN } from './config';

export function uniqueSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export async function superAdminToken(api: TestApi): Promise<string> {
  const res = await api.call('POST', '/api/v1/platform/auth/login', { body: SUPERADMIN });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.accessToken;
}

export interface TestTenant {
  id: string;
  slug: string;
  admin: { email: string; password: string };
  /** Access token of the tenant's first admin. */
  token: string;
}

/** Provisions a tenant through the public API and logs its admin in. */
export async function createTenant(api: TestApi, platformToken: string, slug = uniqueSlug()): Promise<TestTenant> {
  const admin = { email: `admin@${slug}.test`, password: `pw-${slug}-long-enough` };
  const res = await api.call('POST', '/api/v1/platform/tenants', {
    token: platformToken,
    body: { name: `Tenant ${slug}`, slug, plan: 'professional', admin: { ...admin, name: 'Admin' } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = await login(api, slug, admin.email, admin.password);
  return { id: res.body.id, slug, admin, token };
}

export interface TestUser {
  id: string;
  email: string;
  /** Access token of the user, logged in. */
  token: string;
}

/** A user of `tenant` holding `roles`, created by its admin and logged in. */
export async function addUser(
  api: TestApi,
  tenant: TestTenant,
  roles: string[],
  password = 'amber-falcon-orchard-42',
  email = `${uniqueSlug('u')}@people.test`,
): Promise<TestUser> {
  const res = await api.call('POST', '/api/v1/users', { token: tenant.token, body: { email, name: 'User', password, roles } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, email, token: await login(api, tenant.slug, email, password) };
}

export async function login(api: TestApi, tenant: string, email: string, password: string): Promise<string> {
  const res = await api.call('POST', '/api/v1/auth/login', { tenant, body: { email, password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.accessToken;
}

/** Polls until `check` returns a truthy value or the deadline passes (no fixed sleeps). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 10_000, every = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, every));
  }
}
