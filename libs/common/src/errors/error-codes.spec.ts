import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, problemType } from './error-codes';

describe('error code catalogue', () => {
  it('is documented in the README with the same status for every code', () => {
    const readme = readFileSync(resolve(__dirname, '../../../../README.md'), 'utf8');
    for (const [code, def] of Object.entries(ERROR_CODES)) {
      expect(readme, `README lacks ${code}`).toMatch(new RegExp(`\\| \`${code}\` +\\| ${def.status} +\\|`));
    }
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\| \d{3} +\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('gives each code a problem type that resolves in the error catalogue route', () => {
    expect(problemType('TENANT_NOT_FOUND')).toBe('/api/v1/errors/TENANT_NOT_FOUND');
    for (const def of Object.values(ERROR_CODES)) expect(def.status).toBeGreaterThanOrEqual(400);
  });
});
