import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateMatcher, undeclared } from '../support/observed';

const doc = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8'));

/**
 * Every test run checks what the API answered against openapi.json (in the global teardown):
 * this is the check itself, on answers made up for it.
 */
describe('the check of observed answers against openapi.json', () => {
  it('matches a path to its most literal template', () => {
    const match = templateMatcher(Object.keys(doc.paths));
    expect(match('/api/v1/users/me')[0]).toBe('/api/v1/users/me');
    expect(match('/api/v1/users/0b6f6c1e-2f0a-4c39-9a37-5d1b2f8e4a10')[0]).toBe('/api/v1/users/{id}');
    expect(match('/api/v1/users/0b6f6c1e-2f0a-4c39-9a37-5d1b2f8e4a10/roles/member')[0]).toBe('/api/v1/users/{id}/roles/{role}');
    expect(match('/api/v1/test-no-policy')).toEqual([]);
  });

  it('reports each status or code the document does not declare, and nothing else', () => {
    const user = '/api/v1/users/0b6f6c1e-2f0a-4c39-9a37-5d1b2f8e4a10';
    expect(
      undeclared(
        [
          { method: 'GET', path: user, status: 200 },
          { method: 'GET', path: user, status: 404, code: 'NOT_FOUND' },
          { method: 'POST', path: '/api/v1/users', status: 409, code: 'CONFLICT' },
          // Not declared: a code the route never answers, a status it never answers, an error without a code.
          { method: 'GET', path: user, status: 409, code: 'LAST_ADMIN' },
          { method: 'GET', path: user, status: 404, code: 'DOMAIN_TAKEN' },
          { method: 'GET', path: '/api/v1/users', status: 418 },
          { method: 'GET', path: user, status: 500 },
          // Not the document's concern: test-only routes, other paths, methods without an operation.
          { method: 'GET', path: '/api/v1/test-no-policy', status: 500, code: 'INTERNAL_ERROR' },
          { method: 'GET', path: '/docs-json', status: 200 },
          { method: 'PUT', path: user, status: 404, code: 'ROUTE_NOT_FOUND' },
        ],
        doc,
      ),
    ).toEqual([
      'GET /api/v1/users 418 -',
      'GET /api/v1/users/{id} 404 DOMAIN_TAKEN',
      'GET /api/v1/users/{id} 409 LAST_ADMIN',
      'GET /api/v1/users/{id} 500 -',
    ]);
  });
});
