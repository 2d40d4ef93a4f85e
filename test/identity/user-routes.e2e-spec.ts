import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problems';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

/** Bodies that pass validation, so the route's own answer about the user is what comes back. */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/users/:id/roles': { role: 'member' },
};

/** Values for path parameters other than the user id. */
const PARAMS: Record<string, () => string> = { sessionId: randomUUID, role: () => 'member' };

interface MountedRoute {
  method: string;
  path: string;
}

/** Every route the HTTP server mounted under /api/v1/users/:id. */
function userRoutes(api: TestApi): MountedRoute[] {
  const router = (
    api.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    }
  ).router;
  return router.stack
    .filter((layer) => layer.route && /^\/api\/v1\/users\/:id(\/|$)/.test(layer.route.path))
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })),
    );
}

/**
 * An id that is no user of the tenant gets 404 on every route about a user, whatever the route
 * does: no empty list, no silent success. The routes come from the live router, so a new
 * `/users/:id/...` route is covered without editing this file.
 */
describe('routes about a user', () => {
  let api: TestApi;
  let t: TestTenant;

  beforeAll(async () => {
    api = await startApi();
    t = await createTenant(api, await superAdminToken(api));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('finds the user routes in the router', () => {
    const found = userRoutes(api).map((r) => `${r.method} ${r.path}`);
    for (const known of [
      'GET /api/v1/users/:id/sessions',
      'DELETE /api/v1/users/:id/sessions',
      'DELETE /api/v1/users/:id/sessions/:sessionId',
      'POST /api/v1/users/:id/unlock',
      'POST /api/v1/users/:id/invitation/resend',
      'DELETE /api/v1/users/:id/invitation',
      'GET /api/v1/users/:id/roles',
      'POST /api/v1/users/:id/roles',
      'DELETE /api/v1/users/:id/roles/:role',
      'POST /api/v1/users/:id/deactivate',
      'POST /api/v1/users/:id/reactivate',
      'GET /api/v1/users/:id',
      'PATCH /api/v1/users/:id',
    ]) {
      expect(found).toContain(known);
    }
  });

  it('answers 404 NOT_FOUND for an id that is no user of the tenant, on every one of them', async () => {
    const unknown = randomUUID();
    const answers: string[] = [];
    for (const route of userRoutes(api)) {
      const path = route.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? unknown : PARAMS[name]()));
      const key = `${route.method} ${route.path}`;
      const res = await api.call(route.method, path, {
        token: t.token,
        body: BODIES[key] ?? (route.method === 'PATCH' ? { name: 'Nobody' } : undefined),
      });
      const problem = res.status === 404 && /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');
      if (!problem || res.body.code !== 'NOT_FOUND') answers.push(`${key}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(answers, `routes that did not answer 404 NOT_FOUND:\n${answers.join('\n')}`).toEqual([]);
  });

  it('still serves a real user on the same routes', async () => {
    const me = JSON.parse(Buffer.from(t.token.split('.')[1], 'base64url').toString()).sub as string;
    const sessions = await api.call('GET', `/api/v1/users/${me}/sessions`, { token: t.token });
    expect(sessions.status, JSON.stringify(sessions.body)).toBe(200);
    expect(sessions.body.items.length).toBeGreaterThan(0);
    const roles = await api.call('GET', `/api/v1/users/${me}/roles`, { token: t.token });
    expect(roles.status, JSON.stringify(roles.body)).toBe(200);
    expectProblem(await api.call('GET', `/api/v1/users/not-a-uuid/sessions`, { token: t.token }), 400, 'VALIDATION_FAILED');
  });
});
