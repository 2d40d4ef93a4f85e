import { PlatformUsersService, TenantUsersService } from '@stratum/identity';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import * as jwt from 'jsonwebtoken';
import { randomBytes, randomUUID } from 'node:crypto';
import { Secret, TOTP, URI } from 'otpauth';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { comparableProblem, expectProblem } from '../support/problems';
import { TokenPair, expectTokenPair } from '../support/tokens';

interface Enrolled {
  secret: string;
  /** The time step whose code activated MFA: the last step the server has accepted. */
  step: number;
  recoveryCodes: string[];
  /** The pair that replaced the enrolling session. */
  pair: TokenPair;
}

interface Account {
  email: string;
  password: string;
}

const TENANT_AUTH = '/api/v1/auth';
const PLATFORM_AUTH = '/api/v1/platform/auth';
const STEP_MS = 30_000;

/**
 * Codes are computed for explicit time steps (never "whatever time it is when the code is
 * generated"), so a test never depends on which side of a 30 s boundary it runs. A code of step
 * s is accepted while the server's clock is in s-1, s or s+1, and only if s is later than the
 * last step it accepted.
 */
const stepNow = () => Math.floor(Date.now() / STEP_MS);
const codeAt = (secret: string, step: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: step * STEP_MS });

/** A well-formed 6-digit code that is valid at none of the steps around now. */
function wrongCode(secret: string): string {
  const now = stepNow();
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(secret, now + d)));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const newPassword = () => `Pass-${randomBytes(6).toString('hex')}-phrase`;

function expectChallenge(res: Reply): string {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
  return res.body.mfaToken;
}

describe('multi-factor authentication (TOTP)', () => {
  let api: TestApi;
  let root: string;
  let a: TestTenant;
  let b: TestTenant;
  let tenantA: Tenant;
  let pg: Client;

  /** A fresh active user of `tenant` (each test has its own, so their TOTP steps never interfere). */
  const newUser = async (tenant: Tenant, roles: ('member' | 'project_manager')[] = ['member']): Promise<Account> => {
    const account = { email: `mfa-${randomBytes(5).toString('hex')}@users.test`, password: newPassword() };
    await api.app
      .get(TenantDatabase)
      .run(tenant, (em) => api.app.get(TenantUsersService).create(em, { ...account, name: 'MFA user', systemRoles: roles }));
    return account;
  };

  const login = (tenant: string, { email, password }: Account) =>
    api.call('POST', `${TENANT_AUTH}/login`, { tenant, body: { email, password } });
  const verify = (tenant: string, mfaToken: string, code: string) =>
    api.call('POST', `${TENANT_AUTH}/mfa/verify`, { tenant, body: { mfaToken, code } });
  const projects = (token: string) => api.call('GET', '/api/v1/projects', { token });

  /** Enrols and activates TOTP for the holder of `token` with a code of the current step. */
  const enrolAndActivate = async (token: string, base = TENANT_AUTH, on: TestApi = api): Promise<Enrolled> => {
    const enrolled = await on.call('POST', `${base}/mfa/totp/enroll`, { token });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    const { secret } = enrolled.body as { secret: string };
    const step = stepNow();
    const activated = await on.call('POST', `${base}/mfa/totp/activate`, { token, body: { code: codeAt(secret, step) } });
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    const { recoveryCodes, ...pair } = activated.body as TokenPair & { recoveryCodes: string[] };
    return { secret, step, recoveryCodes, pair };
  };

  /** A user of tenant A with MFA on, and the password it logs in with. */
  const enrolledUserOfA = async (): Promise<Account & Enrolled> => {
    const account = await newUser(tenantA);
    const first = expectTokenPair(await login(a.slug, account));
    return { ...account, ...(await enrolAndActivate(first.accessToken)) };
  };

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    [a, b] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    tenantA = (await api.app.get(TenantRegistry).find(a.id))!;
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  describe('enrolment', () => {
    it('activates with a code from the secret: ten recovery codes, a fresh session, the secret encrypted at rest', async () => {
      const account = await newUser(tenantA);
      const first = expectTokenPair(await login(a.slug, account));

      const enrolled = await api.call('POST', `${TENANT_AUTH}/mfa/totp/enroll`, { token: first.accessToken });
      expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
      expect(enrolled.body).toEqual({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), otpauthUrl: expect.any(String) });
      const { secret, otpauthUrl } = enrolled.body as { secret: string; otpauthUrl: string };
      // The URL an authenticator app scans holds the same secret and the parameters the server checks with.
      const fromUrl = URI.parse(otpauthUrl) as TOTP;
      expect(fromUrl).toBeInstanceOf(TOTP);
      expect(fromUrl.secret.base32).toBe(secret);
      expect({ algorithm: fromUrl.algorithm, digits: fromUrl.digits, period: fromUrl.period }).toEqual({
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      });
      expect(fromUrl.label).toBe(account.email);

      // Enrolment alone does not turn MFA on.
      expectTokenPair(await login(a.slug, account));

      const activated = await api.call('POST', `${TENANT_AUTH}/mfa/totp/activate`, {
        token: first.accessToken,
        body: { code: codeAt(secret, stepNow()) },
      });
      expect(activated.status, JSON.stringify(activated.body)).toBe(200);
      const { recoveryCodes, ...pair } = activated.body as TokenPair & { recoveryCodes: string[] };
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
      expectTokenPair({ ...activated, body: pair });

      // The new pair works; the enrolling session is over.
      expect((await projects(pair.accessToken)).status).toBe(200);
      expectProblem(await projects(first.accessToken), 401, 'UNAUTHENTICATED', 'enrolling token');
      expectTokenPair(
        await api.call('POST', `${TENANT_AUTH}/refresh`, { tenant: a.slug, body: { refreshToken: pair.refreshToken } }),
      );

      const {
        rows: [row],
      } = await pg.query(
        `SELECT id, mfa_secret, mfa_pending_secret, mfa_enabled_at FROM "${schemaOf(a.id)}".users WHERE email = $1`,
        [account.email],
      );
      expect(row.mfa_secret).toMatch(/^enc:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
      expect(row.mfa_secret).not.toContain(secret);
      expect(Buffer.from(row.mfa_secret.split(':')[3], 'base64url').toString('latin1')).not.toContain(secret);
      expect(row.mfa_pending_secret).toBeNull();
      expect(row.mfa_enabled_at).toBeInstanceOf(Date);
      // Recovery codes are kept only as hashes.
      const { rows: stored } = await pg.query(
        `SELECT code_hash, used_at FROM "${schemaOf(a.id)}".mfa_recovery_codes WHERE user_id = $1`,
        [row.id],
      );
      expect(stored).toHaveLength(10);
      const plain = new Set(recoveryCodes.flatMap((c) => [c, c.replace(/-/g, '')]));
      for (const { code_hash, used_at } of stored) {
        expect(plain.has(code_hash)).toBe(false);
        expect(used_at).toBeNull();
      }
    });

    it('refuses activation without enrolment (409) and with a wrong code (401), keeping the pending secret', async () => {
      const account = await newUser(tenantA);
      const { accessToken } = expectTokenPair(await login(a.slug, account));

      const early = await api.call('POST', `${TENANT_AUTH}/mfa/totp/activate`, { token: accessToken, body: { code: '123456' } });
      expectProblem(early, 409, 'INVALID_STATE', 'activate before enrol');

      const enrolled = await api.call('POST', `${TENANT_AUTH}/mfa/totp/enroll`, { token: accessToken });
      expect(enrolled.status).toBe(200);
      const { secret } = enrolled.body as { secret: string };
      const wrong = await api.call('POST', `${TENANT_AUTH}/mfa/totp/activate`, {
        token: accessToken,
        body: { code: wrongCode(secret) },
      });
      expectProblem(wrong, 401, 'INVALID_MFA_CODE', 'activate with a wrong code');
      // Still off: login needs no second factor, and the enrolling token still works.
      expectTokenPair(await login(a.slug, account));
      expect((await projects(accessToken)).status).toBe(200);

      const right = await api.call('POST', `${TENANT_AUTH}/mfa/totp/activate`, {
        token: accessToken,
        body: { code: codeAt(secret, stepNow()) },
      });
      expect(right.status, JSON.stringify(right.body)).toBe(200);
      expectChallenge(await login(a.slug, account));
    });

    it('refuses to enrol or activate again while MFA is on (409 INVALID_STATE)', async () => {
      const user = await enrolledUserOfA();
      const token = user.pair.accessToken;
      expectProblem(await api.call('POST', `${TENANT_AUTH}/mfa/totp/enroll`, { token }), 409, 'INVALID_STATE', 'enrol twice');
      expectProblem(
        await api.call('POST', `${TENANT_AUTH}/mfa/totp/activate`, { token, body: { code: codeAt(user.secret, user.step + 1) } }),
        409,
        'INVALID_STATE',
        'activate twice',
      );
      // The secret in use is untouched: its next code still completes a login.
      const mfaToken = expectChallenge(await login(a.slug, user));
      expectTokenPair(await verify(a.slug, mfaToken, codeAt(user.secret, user.step + 1)));
    });
  });

  describe('login with a second factor', () => {
    it('answers a challenge instead of tokens, and completes it with a code of the next step (±1 step)', async () => {
      const user = await enrolledUserOfA();
      const res = await login(a.slug, user);
      const mfaToken = expectChallenge(res);
      expect(res.body).not.toHaveProperty('accessToken');
      expect(res.body).not.toHaveProperty('refreshToken');
      // The challenge token is no access token.
      expectProblem(await projects(mfaToken), 401, 'UNAUTHENTICATED', 'mfaToken as bearer');

      // The code of the step after activation is within the window of one step.
      const nextCode = codeAt(user.secret, user.step + 1);
      const pair = expectTokenPair(await verify(a.slug, mfaToken, nextCode));
      expect((await projects(pair.accessToken)).status).toBe(200);

      // Each step is accepted once, and never a step older than the last accepted one.
      const again = expectChallenge(await login(a.slug, user));
      expectProblem(await verify(a.slug, again, nextCode), 401, 'INVALID_MFA_CODE', 'same code replayed');
      expectProblem(await verify(a.slug, again, codeAt(user.secret, user.step)), 401, 'INVALID_MFA_CODE', 'older step');
      // Refused codes do not spend the challenge.
      expectTokenPair(await verify(a.slug, again, user.recoveryCodes[0]));
    });

    it('refuses a wrong code, a spent challenge, a challenge from another tenant and forged challenges', async () => {
      const user = await enrolledUserOfA();
      const mfaToken = expectChallenge(await login(a.slug, user));

      expectProblem(await verify(a.slug, mfaToken, wrongCode(user.secret)), 401, 'INVALID_MFA_CODE', 'wrong code');
      expectTokenPair(await verify(a.slug, mfaToken, codeAt(user.secret, user.step + 1)));
      // A completed challenge cannot be completed again, even with a good (unused) recovery code...
      expectProblem(await verify(a.slug, mfaToken, user.recoveryCodes[0]), 401, 'UNAUTHENTICATED', 'spent challenge');

      // ...and a challenge of tenant A means nothing at tenant B.
      const fresh = expectChallenge(await login(a.slug, user));
      expectProblem(await verify(b.slug, fresh, user.recoveryCodes[0]), 401, 'UNAUTHENTICATED', 'challenge of A at B');

      const [header, payload, signature] = fresh.split('.');
      const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      const claims = jwt.decode(fresh) as jwt.JwtPayload;
      const forged = {
        tamperedSignature: `${header}.${payload}.${flipped}`,
        tamperedPayload: `${header}.${Buffer.from(JSON.stringify({ ...claims, jti: randomUUID() })).toString('base64url')}.${signature}`,
        otherSecret: jwt.sign({ sub: claims.sub, realm: claims.realm, jti: randomUUID() }, 'not-the-server-secret-0123456789', {
          audience: 'stratum:mfa',
          issuer: 'stratum',
          expiresIn: 300,
        }),
        unsigned: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
        accessToken: user.pair.accessToken,
        garbage: 'garbage-that-is-no-token-at-all',
      };
      for (const [what, token] of Object.entries(forged)) {
        expectProblem(await verify(a.slug, token, user.recoveryCodes[0]), 401, 'UNAUTHENTICATED', what);
      }

      // None of this spent the recovery code or the genuine challenge.
      expectTokenPair(await verify(a.slug, fresh, user.recoveryCodes[0]));
    });

    it('accepts each recovery code once in place of a TOTP code', async () => {
      const user = await enrolledUserOfA();
      const [code] = user.recoveryCodes;
      const pair = expectTokenPair(await verify(a.slug, expectChallenge(await login(a.slug, user)), code));
      expect((await projects(pair.accessToken)).status).toBe(200);

      expectProblem(
        await verify(a.slug, expectChallenge(await login(a.slug, user)), code),
        401,
        'INVALID_MFA_CODE',
        'recovery code used twice',
      );
      // The other codes are still good (also as typed without dashes).
      expectTokenPair(await verify(a.slug, expectChallenge(await login(a.slug, user)), user.recoveryCodes[1].replace(/-/g, '')));
    });

    it('counts wrong codes toward the lockout: after five, the password login fails like any other', async () => {
      const user = await enrolledUserOfA();
      const mfaToken = expectChallenge(await login(a.slug, user));
      const wrong = wrongCode(user.secret);
      for (let i = 1; i <= 5; i += 1) {
        expectProblem(await verify(a.slug, mfaToken, wrong), 401, 'INVALID_MFA_CODE', `wrong code #${i}`);
      }

      const locked = await login(a.slug, user);
      const unknown = await login(a.slug, { email: `nobody-${uniqueSlug()}@users.test`, password: user.password });
      expectProblem(locked, 401, 'INVALID_CREDENTIALS', 'locked account');
      expect(comparableProblem(locked)).toEqual(comparableProblem(unknown));
      // The challenge issued before the lock cannot finish either, not even with a good code.
      expectProblem(await verify(a.slug, mfaToken, codeAt(user.secret, user.step + 1)), 401, 'UNAUTHENTICATED', 'locked');
    });
  });

  describe('turning MFA off', () => {
    it('needs a valid code; afterwards login asks for no second factor', async () => {
      const user = await enrolledUserOfA();
      const token = user.pair.accessToken;
      const disable = (code: string) => api.call('POST', `${TENANT_AUTH}/mfa/totp/disable`, { token, body: { code } });

      expectProblem(await disable(wrongCode(user.secret)), 401, 'INVALID_MFA_CODE', 'disable with a wrong code');
      expectChallenge(await login(a.slug, user));

      const off = await disable(codeAt(user.secret, user.step + 1));
      expect(off.status, JSON.stringify(off.body)).toBe(204);
      expectTokenPair(await login(a.slug, user));

      const {
        rows: [row],
      } = await pg.query(`SELECT id, mfa_secret, mfa_enabled_at FROM "${schemaOf(a.id)}".users WHERE email = $1`, [user.email]);
      expect(row).toMatchObject({ mfa_secret: null, mfa_enabled_at: null });
      const { rows: codes } = await pg.query(
        `SELECT count(*)::int AS n FROM "${schemaOf(a.id)}".mfa_recovery_codes WHERE user_id = $1`,
        [row.id],
      );
      expect(codes[0].n).toBe(0);
      // Off means off: disabling again is a state error, not a code check.
      expectProblem(await disable(codeAt(user.secret, user.step + 1)), 409, 'INVALID_STATE', 'disable twice');
    });
  });

  describe('tenant policy mfaRequired', () => {
    let p: TestTenant;
    let tenantP: Tenant;

    beforeAll(async () => {
      p = await createTenant(api, root);
      const patched = await api.call('PATCH', `/api/v1/platform/tenants/${p.id}`, {
        token: root,
        body: { settings: { mfaRequired: true } },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.settings).toMatchObject({ mfaRequired: true });
      tenantP = (await api.app.get(TenantRegistry).find(p.id))!;
      expect(tenantP.settings.mfaRequired).toBe(true);
    });

    it('lets an unenrolled user only enrol until MFA is active; then the token works everywhere', async () => {
      const account = await newUser(tenantP, ['project_manager']);
      const setup = expectTokenPair(await login(p.slug, account));

      expectProblem(await projects(setup.accessToken), 403, 'MFA_SETUP_REQUIRED', 'projects');
      expectProblem(
        await api.call('GET', `${TENANT_AUTH}/sessions`, { token: setup.accessToken }),
        403,
        'MFA_SETUP_REQUIRED',
        'sessions',
      );
      // Refreshing does not shed the obligation.
      const refreshed = expectTokenPair(
        await api.call('POST', `${TENANT_AUTH}/refresh`, { tenant: p.slug, body: { refreshToken: setup.refreshToken } }),
      );
      expectProblem(await projects(refreshed.accessToken), 403, 'MFA_SETUP_REQUIRED', 'refreshed token');

      const enrolled = await enrolAndActivate(refreshed.accessToken);
      const created = await api.call('POST', '/api/v1/projects', {
        token: enrolled.pair.accessToken,
        body: { name: 'After MFA' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await projects(enrolled.pair.accessToken)).status).toBe(200);
      expectProblem(await projects(refreshed.accessToken), 401, 'UNAUTHENTICATED', 'the enrolling token');

      // From now on the tenant's login asks for the second factor.
      const mfaToken = expectChallenge(await login(p.slug, account));
      const pair = expectTokenPair(await verify(p.slug, mfaToken, codeAt(enrolled.secret, enrolled.step + 1)));
      expect((await projects(pair.accessToken)).status).toBe(200);
    });

    it('lets an unenrolled user log out', async () => {
      const account = await newUser(tenantP);
      const setup = expectTokenPair(await login(p.slug, account));
      const out = await api.call('POST', `${TENANT_AUTH}/logout`, { token: setup.accessToken });
      expect(out.status, JSON.stringify(out.body)).toBe(204);
      expectProblem(
        await api.call('POST', `${TENANT_AUTH}/mfa/totp/enroll`, { token: setup.accessToken }),
        401,
        'UNAUTHENTICATED',
        'after logout',
      );
    });

    it('does not apply to other tenants', async () => {
      const account = await newUser(tenantA);
      const pair = expectTokenPair(await login(a.slug, account));
      expect((await projects(pair.accessToken)).status).toBe(200);
    });
  });

  describe('platform staff with PLATFORM_MFA_REQUIRED', () => {
    let strict: TestApi;

    beforeAll(async () => {
      strict = await startApi({ PLATFORM_MFA_REQUIRED: 'true' });
    });

    afterAll(() => strict?.close());

    const platformLogin = ({ email, password }: Account) =>
      strict.call('POST', `${PLATFORM_AUTH}/login`, { body: { email, password } });
    const tenants = (token: string) => strict.call('GET', '/api/v1/platform/tenants', { token });

    /** A fresh support user (never the shared super admin). */
    const newStaff = async (): Promise<Account> => {
      const staff = { email: `support-${randomBytes(5).toString('hex')}@staff.test`, password: newPassword() };
      const { created } = await strict.app.get(PlatformUsersService).ensure(staff.email, 'Support', staff.password, ['support']);
      expect(created).toBe(true);
      return staff;
    };

    it('gives staff without MFA a token that only opens the enrolment routes', async () => {
      const staff = await newStaff();
      const setup = expectTokenPair(await platformLogin(staff));
      expectProblem(await tenants(setup.accessToken), 403, 'MFA_SETUP_REQUIRED', 'platform tenants before enrolment');

      const enrolled = await enrolAndActivate(setup.accessToken, PLATFORM_AUTH, strict);
      expect((await tenants(enrolled.pair.accessToken)).status).toBe(200);
    });

    it('enrols staff at /platform/auth/mfa/totp; platform login then needs the second factor', async () => {
      const staff = await newStaff();
      const first = expectTokenPair(await platformLogin(staff));
      const enrolled = await enrolAndActivate(first.accessToken, PLATFORM_AUTH, strict);
      expect(enrolled.recoveryCodes).toHaveLength(10);
      expect((await tenants(enrolled.pair.accessToken)).status).toBe(200);
      expectProblem(await tenants(first.accessToken), 401, 'UNAUTHENTICATED', 'the enrolling token');

      const {
        rows: [row],
      } = await pg.query('SELECT mfa_secret FROM platform.platform_users WHERE email = $1', [staff.email]);
      expect(row.mfa_secret).toMatch(/^enc:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
      expect(row.mfa_secret).not.toContain(enrolled.secret);

      const res = await platformLogin(staff);
      const mfaToken = expectChallenge(res);
      // A platform challenge means nothing to a tenant's verify route.
      expectProblem(
        await strict.call('POST', `${TENANT_AUTH}/mfa/verify`, {
          tenant: a.slug,
          body: { mfaToken, code: enrolled.recoveryCodes[0] },
        }),
        401,
        'UNAUTHENTICATED',
        'platform challenge at a tenant',
      );
      expectProblem(
        await strict.call('POST', `${PLATFORM_AUTH}/mfa/verify`, { body: { mfaToken, code: wrongCode(enrolled.secret) } }),
        401,
        'INVALID_MFA_CODE',
        'platform wrong code',
      );
      const pair = expectTokenPair(
        await strict.call('POST', `${PLATFORM_AUTH}/mfa/verify`, {
          body: { mfaToken, code: codeAt(enrolled.secret, enrolled.step + 1) },
        }),
      );
      expect((await tenants(pair.accessToken)).status).toBe(200);
    });
  });
});
