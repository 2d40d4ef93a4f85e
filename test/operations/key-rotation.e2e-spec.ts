import { KeyRing } from '@stratum/common';
import { Secret, TOTP } from 'otpauth';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SECRET_COLUMNS } from '../../apps/cli/src/keys.command';
import { dataSourceOptions } from '@stratum/database';
import { reencryptSecrets } from '../../apps/cli/src/secret-reencryption';
import { startApi, TestApi } from '../support/api';
import { testConfig } from '../support/config';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

const key = () => randomBytes(32).toString('base64');
const OLD = `old:${key()}`;
const NEW = `new:${key()}`;
const JWT_OLD = 'old-jwt-secret-'.padEnd(48, 'o');
const JWT_NEW = 'new-jwt-secret-'.padEnd(48, 'n');
const STEP_MS = 30_000;
const codeAt = (secret: string, step: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: step * STEP_MS });
const headerOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;

/**
 * Rotating secrets: TOTP seeds re-encrypted with a new key-ring key (after which the old key can
 * go), and JWT signing keys named by `kid`, retired keys still verifying until their tokens expire.
 */
describe('key rotation', () => {
  let before: TestApi;
  let pg: Client;
  let t: TestTenant;
  let secret: string;
  let oldToken: string;

  beforeAll(async () => {
    before = await startApi({ ENCRYPTION_KEYS: OLD, JWT_SECRET: JWT_OLD, JWT_KEY_ID: 'k1' });
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    t = await createTenant(before, await superAdminToken(before));
    const enrolled = await before.call('POST', '/api/v1/auth/mfa/totp/enroll', { token: t.token });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    secret = enrolled.body.secret;
    const step = Math.floor(Date.now() / STEP_MS);
    const activated = await before.call('POST', '/api/v1/auth/mfa/totp/activate', {
      token: t.token,
      body: { code: codeAt(secret, step - 1) },
    });
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    oldToken = activated.body.accessToken;
  });

  afterAll(async () => {
    await pg?.end();
    await before?.close();
  });

  const storedSeed = async () =>
    (await pg.query(`SELECT mfa_secret FROM ${schemaOf(t.id)}.users WHERE email = $1`, [t.admin.email])).rows[0]
      .mfa_secret as string;

  it('signs tokens with the current key id in the kid header', () => {
    expect(headerOf(oldToken)).toMatchObject({ alg: 'HS256', kid: 'k1' });
  });

  it('re-encrypts TOTP seeds with the new current key; then the old key can leave the ring', async () => {
    expect(KeyRing.keyIdOf(await storedSeed())).toBe('old');
    const ds = new DataSource({ ...dataSourceOptions(testConfig()), extra: { max: 2 } });
    await ds.initialize();
    try {
      const ring = KeyRing.parse(`${NEW},${OLD}`);
      // Only this test's tenant: other test files' secrets stay under their own key.
      const only = { tenants: [t.slug], platform: false };
      const first = await reencryptSecrets(ds, ring, SECRET_COLUMNS, only);
      expect(first.failed).toEqual([]);
      expect(first).toMatchObject({ reencrypted: 1, current: 0, tenants: 1 });
      expect(KeyRing.keyIdOf(await storedSeed())).toBe('new');
      const again = await reencryptSecrets(ds, ring, SECRET_COLUMNS, only);
      expect(again.reencrypted).toBe(0);
      expect(again.current).toBe(first.reencrypted + first.current);
      // With the old key alone, nothing decrypts any more: the seed really changed key.
      const oldOnly = await reencryptSecrets(ds, KeyRing.parse(OLD), SECRET_COLUMNS, only);
      expect(oldOnly.failed.some((f) => f.scope === t.slug)).toBe(true);
    } finally {
      await ds.destroy();
    }
    // An API holding only the new key signs the user in with their authenticator.
    const after = await startApi({ ENCRYPTION_KEYS: NEW, JWT_SECRET: JWT_OLD, JWT_KEY_ID: 'k1' });
    try {
      const login = await after.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: t.admin });
      expect(login.body.mfaRequired, JSON.stringify(login.body)).toBe(true);
      const step = Math.floor(Date.now() / STEP_MS);
      const verified = await after.call('POST', '/api/v1/auth/mfa/verify', {
        tenant: t.slug,
        body: { mfaToken: login.body.mfaToken, code: codeAt(secret, step + 1) },
      });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    } finally {
      await after.close();
    }
  });

  // Passport keeps one strategy per name in a process: the API under test is the one started last.
  it('a new JWT key signs new tokens; the retired key verifies the old ones only while it is listed', async () => {
    const withPrevious = { ENCRYPTION_KEYS: NEW, JWT_SECRET: JWT_NEW, JWT_KEY_ID: 'k2' };
    let root: string;
    const rotated = await startApi({ ...withPrevious, JWT_PREVIOUS_KEYS: `k1:${JWT_OLD}` });
    try {
      const me = await rotated.call('GET', '/api/v1/users/me', { token: oldToken });
      expect(me.status, JSON.stringify(me.body)).toBe(200);
      // A token naming a key nobody has is refused, even with a signature by a known key.
      const [, payload, signature] = oldToken.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'k9' })).toString('base64url');
      expect((await rotated.call('GET', '/api/v1/users/me', { token: `${header}.${payload}.${signature}` })).status).toBe(401);
      root = await superAdminToken(rotated);
      expect(headerOf(root).kid).toBe('k2');
    } finally {
      await rotated.close();
    }
    const retired = await startApi(withPrevious);
    try {
      expect((await retired.call('GET', '/api/v1/users/me', { token: oldToken })).status).toBe(401);
      expect((await retired.call('GET', '/api/v1/platform/tenants', { token: root })).status).toBe(200);
    } finally {
      await retired.close();
    }
  });

  it('refuses a malformed JWT_PREVIOUS_KEYS at start, naming it', () => {
    expect(() => testConfig({ JWT_PREVIOUS_KEYS: 'k1:short' })).toThrow(/JWT_PREVIOUS_KEYS/);
    expect(() => testConfig({ JWT_PREVIOUS_KEYS: 'no-colon' })).toThrow(/JWT_PREVIOUS_KEYS/);
    expect(() => testConfig({ JWT_KEY_ID: 'k1', JWT_PREVIOUS_KEYS: `k1:${JWT_OLD}` })).toThrow(/JWT_PREVIOUS_KEYS/);
  });
});
