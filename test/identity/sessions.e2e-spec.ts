import { PlatformUsersService, TenantUsersService } from '@stratum/identity';
import type { SystemRoleKey } from '@stratum/rbac';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import * as jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { Reply, startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { startSmtp, TestSmtp } from '../support/smtp';
import { TokenPair } from '../support/tokens';

const PASSWORD = 'harbour-violet-engine-77';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface SessionItem {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** The session id (`sid`) an access token belongs to. */
const sid = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;
const sub = (accessToken: string) => (jwt.decode(accessToken) as { sub: string }).sub;

/**
 * Login sessions: what a user sees and ends of their own (tenant users and platform staff alike),
 * refresh-token reuse detection with its security alert (through the worker to a real SMTP
 * server), and what a tenant admin may do with other users' sessions.
 */
describe('sessions', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: RunningWorker;
  let root: string;
  let a: TestTenant;
  let b: TestTenant;
  let tenantA: Tenant;
  let tenantB: Tenant;

  /** Each realm's routes, so the self-service checks run the same against both. */
  const realms = {
    tenant: { base: '/api/v1/auth', tenant: () => a.slug },
    platform: { base: '/api/v1/platform/auth', tenant: () => undefined },
  };
  type RealmName = keyof typeof realms;

  const signIn = async (realm: RealmName, email: string, userAgent: string): Promise<TokenPair> => {
    const r = realms[realm];
    const res = await api.call('POST', `${r.base}/login`, {
      tenant: r.tenant(),
      body: { email, password: PASSWORD },
      headers: { 'user-agent': userAgent },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const listOwn = (realm: RealmName, token: string) => api.call('GET', `${realms[realm].base}/sessions`, { token });
  const revokeOwn = (realm: RealmName, token: string, id: string) =>
    api.call('DELETE', `${realms[realm].base}/sessions/${id}`, { token });
  const refresh = (realm: RealmName, refreshToken: string) =>
    api.call('POST', `${realms[realm].base}/refresh`, { tenant: realms[realm].tenant(), body: { refreshToken } });
  /** Does this access token still open a signed-in route of its realm? */
  const works = async (realm: RealmName, token: string) => {
    const res = await listOwn(realm, token);
    expect([200, 401], JSON.stringify(res.body)).toContain(res.status);
    return res.status === 200;
  };

  const createUser = (target: Tenant, email: string, roles: SystemRoleKey[] = ['member']) =>
    api.app
      .get(TenantDatabase)
      .run(target, (em) =>
        api.app.get(TenantUsersService).create(em, { email, name: email, password: PASSWORD, systemRoles: roles }),
      );
  const tenantUser = async (what: string, target: Tenant = tenantA) => {
    const email = `${what}-${uniqueSlug('u')}@${target.slug}.test`;
    const user = await createUser(target, email);
    return { id: user.id, email };
  };
  const platformUser = async (what: string) => {
    const email = `${what}-${uniqueSlug('p')}@stratum.test`;
    const { created } = await api.app.get(PlatformUsersService).ensure(email, what, PASSWORD, ['support']);
    expect(created).toBe(true);
    return { email };
  };

  const expectUnauthenticated = (res: Reply, what: string) => {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(401);
    expect(res.body.code, what).toBe('UNAUTHENTICATED');
    expect(res.body, what).not.toHaveProperty('accessToken');
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    const overrides = { ...ownQueues(), SMTP_URL: smtp.url };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    root = await superAdminToken(api);
    [a, b] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    tenantA = (await api.app.get(TenantRegistry).find(a.id))!;
    tenantB = (await api.app.get(TenantRegistry).find(b.id))!;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  for (const realm of Object.keys(realms) as RealmName[]) {
    const newAccount = (what: string) => (realm === 'tenant' ? tenantUser(what) : platformUser(what));

    describe(`self-service (${realm})`, () => {
      it('lists the live sessions of the caller, marking the current one', async () => {
        const { email } = await newAccount('lister');
        const laptop = await signIn(realm, email, 'laptop-agent/1');
        const phone = await signIn(realm, email, 'phone-agent/1');
        const ended = await signIn(realm, email, 'ended-agent/1');
        expect((await api.call('POST', `${realms[realm].base}/logout`, { token: ended.accessToken })).status).toBe(204);

        const res = await listOwn(realm, laptop.accessToken);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const items: SessionItem[] = res.body.items;
        expect(items.map((s) => s.id).sort()).toEqual([sid(laptop.accessToken), sid(phone.accessToken)].sort());
        const laptopItem = items.find((s) => s.id === sid(laptop.accessToken))!;
        const phoneItem = items.find((s) => s.id === sid(phone.accessToken))!;
        expect(laptopItem).toEqual({
          id: sid(laptop.accessToken),
          userAgent: 'laptop-agent/1',
          ip: expect.stringContaining('127.0.0.1'),
          createdAt: expect.any(String),
          lastSeenAt: expect.any(String),
          expiresAt: expect.any(String),
          current: true,
        });
        expect(phoneItem).toMatchObject({ userAgent: 'phone-agent/1', current: false });
        expect(Date.parse(laptopItem.expiresAt)).toBeGreaterThan(Date.parse(laptopItem.createdAt));

        // The same list from the other device marks that one as current instead.
        const fromPhone: SessionItem[] = (await listOwn(realm, phone.accessToken)).body.items;
        expect(fromPhone.filter((s) => s.current).map((s) => s.id)).toEqual([sid(phone.accessToken)]);
      });

      it("ends another of the caller's sessions: its access token and refresh token stop working at once", async () => {
        const { email } = await newAccount('revoker');
        const keep = await signIn(realm, email, 'keep-agent/1');
        const lost = await signIn(realm, email, 'lost-agent/1');
        expect(await works(realm, lost.accessToken)).toBe(true);

        const res = await revokeOwn(realm, keep.accessToken, sid(lost.accessToken));
        expect(res.status, JSON.stringify(res.body)).toBe(204);

        expectUnauthenticated(await listOwn(realm, lost.accessToken), 'access token of the ended session');
        expectUnauthenticated(await refresh(realm, lost.refreshToken), 'refresh token of the ended session');
        expect(await works(realm, keep.accessToken)).toBe(true);
        const left: SessionItem[] = (await listOwn(realm, keep.accessToken)).body.items;
        expect(left.map((s) => s.id)).toEqual([sid(keep.accessToken)]);
        // Ending it again: it is no longer live.
        expect((await revokeOwn(realm, keep.accessToken, sid(lost.accessToken))).status).toBe(404);
      });

      it("answers 404 for someone else's session or an unknown id, and leaves them alone", async () => {
        const mine = await signIn(realm, (await newAccount('nosy')).email, 'nosy-agent/1');
        const theirs = await signIn(realm, (await newAccount('victim')).email, 'victim-agent/1');

        const other = await revokeOwn(realm, mine.accessToken, sid(theirs.accessToken));
        expect(other.status, JSON.stringify(other.body)).toBe(404);
        expect(other.body.code).toBe('NOT_FOUND');
        const unknown = await revokeOwn(realm, mine.accessToken, UNKNOWN_ID);
        expect(unknown.status, JSON.stringify(unknown.body)).toBe(404);
        expect(comparableProblem(unknown)).toEqual(comparableProblem(other));

        expect(await works(realm, theirs.accessToken)).toBe(true);
        expect((await refresh(realm, theirs.refreshToken)).status).toBe(200);
        // Nor does the list show anything of theirs.
        const list: SessionItem[] = (await listOwn(realm, mine.accessToken)).body.items;
        expect(list.map((s) => s.id)).toEqual([sid(mine.accessToken)]);
      });

      it('logs out everywhere, the calling session included, and says how many sessions ended', async () => {
        const { email } = await newAccount('everywhere');
        const sessions = [
          await signIn(realm, email, 'everywhere-agent/1'),
          await signIn(realm, email, 'everywhere-agent/2'),
          await signIn(realm, email, 'everywhere-agent/3'),
        ];
        const bystander = await signIn(realm, (await newAccount('bystander')).email, 'bystander-agent/1');

        const res = await api.call('POST', `${realms[realm].base}/logout-all`, { token: sessions[0].accessToken });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body).toEqual({ revoked: 3 });

        for (const [i, s] of sessions.entries()) {
          expectUnauthenticated(await listOwn(realm, s.accessToken), `access token of session ${i + 1}`);
          expectUnauthenticated(await refresh(realm, s.refreshToken), `refresh token of session ${i + 1}`);
        }
        expect(await works(realm, bystander.accessToken)).toBe(true);
        // A new sign-in still works, and is the only live session.
        const fresh = await signIn(realm, email, 'everywhere-agent/4');
        const list: SessionItem[] = (await listOwn(realm, fresh.accessToken)).body.items;
        expect(list.map((s) => s.id)).toEqual([sid(fresh.accessToken)]);
      });

      it('treats a spent refresh token presented again as theft: the session ends and its owner is alerted by email', async () => {
        const { email } = await newAccount('stolen');
        const victim = await signIn(realm, email, 'victim-agent/1');
        const other = await signIn(realm, email, 'other-agent/1');

        const rotated = await refresh(realm, victim.refreshToken);
        expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
        expect(sid(rotated.body.accessToken)).toBe(sid(victim.accessToken));
        expect(await works(realm, rotated.body.accessToken)).toBe(true);

        expectUnauthenticated(await refresh(realm, victim.refreshToken), 'spent refresh token presented again');
        // The whole session ends: the legitimate holder's newer tokens die too.
        expectUnauthenticated(await listOwn(realm, rotated.body.accessToken), 'newer access token of the session');
        expectUnauthenticated(await refresh(realm, rotated.body.refreshToken), 'newer refresh token of the session');
        // The account's other sessions are untouched.
        expect(await works(realm, other.accessToken)).toBe(true);
        const list: SessionItem[] = (await listOwn(realm, other.accessToken)).body.items;
        expect(list.map((s) => s.id)).toEqual([sid(other.accessToken)]);
        expect((await refresh(realm, other.refreshToken)).status).toBe(200);

        const displayName = realm === 'tenant' ? `Tenant ${a.slug}` : 'Stratum platform';
        const mail = await smtp.waitFor(email, (m) => m.subject === `Security alert for your ${displayName} account`);
        expect(mail.to).toEqual([email.toLowerCase()]);
        expect(mail.text).toContain('was used twice');
        expect(mail.text).toContain('We signed that session out');
      });
    });
  }

  describe('admin (tenant)', () => {
    let viewerToken: string;

    beforeAll(async () => {
      const viewer = `viewer-${uniqueSlug('u')}@${a.slug}.test`;
      await createUser(tenantA, viewer, ['viewer']);
      viewerToken = (await signIn('tenant', viewer, 'viewer-agent/1')).accessToken;
    });

    const userSessions = (token: string, userId: string) => api.call('GET', `/api/v1/users/${userId}/sessions`, { token });

    it("lists a user's live sessions to those who may read users", async () => {
      const user = await tenantUser('listed');
      const s1 = await signIn('tenant', user.email, 'listed-agent/1');
      const s2 = await signIn('tenant', user.email, 'listed-agent/2');

      for (const [who, token] of [
        ['tenant admin', a.token],
        ['viewer', viewerToken],
      ] as const) {
        const res = await userSessions(token, user.id);
        expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(200);
        const items: SessionItem[] = res.body.items;
        expect(items.map((s) => s.id).sort(), who).toEqual([sid(s1.accessToken), sid(s2.accessToken)].sort());
        expect(items.map((s) => s.userAgent).sort(), who).toEqual(['listed-agent/1', 'listed-agent/2']);
        // None of them is the admin's own.
        expect(
          items.every((s) => s.current === false),
          who,
        ).toBe(true);
      }
      // The admin's own sessions are not mixed in.
      const adminSessions: SessionItem[] = (await userSessions(a.token, sub(a.token))).body.items;
      expect(adminSessions.some((s) => s.id === sid(s1.accessToken))).toBe(false);
    });

    it("lets a tenant admin end one of a user's sessions, and not a viewer", async () => {
      const user = await tenantUser('one');
      const s1 = await signIn('tenant', user.email, 'one-agent/1');
      const s2 = await signIn('tenant', user.email, 'one-agent/2');

      const byViewer = await api.call('DELETE', `/api/v1/users/${user.id}/sessions/${sid(s1.accessToken)}`, {
        token: viewerToken,
      });
      expect(byViewer.status, JSON.stringify(byViewer.body)).toBe(403);
      expect(await works('tenant', s1.accessToken)).toBe(true);

      const res = await api.call('DELETE', `/api/v1/users/${user.id}/sessions/${sid(s1.accessToken)}`, { token: a.token });
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      expectUnauthenticated(await listOwn('tenant', s1.accessToken), 'access token of the session the admin ended');
      expectUnauthenticated(await refresh('tenant', s1.refreshToken), 'refresh token of the session the admin ended');
      expect(await works('tenant', s2.accessToken)).toBe(true);
      expect(((await userSessions(a.token, user.id)).body.items as SessionItem[]).map((s) => s.id)).toEqual([
        sid(s2.accessToken),
      ]);

      // A session that is not this user's (the admin's own, here) or does not exist: 404.
      const notTheirs = await api.call('DELETE', `/api/v1/users/${user.id}/sessions/${sid(a.token)}`, { token: a.token });
      expect(notTheirs.status, JSON.stringify(notTheirs.body)).toBe(404);
      expect(await works('tenant', a.token)).toBe(true);
      const unknown = await api.call('DELETE', `/api/v1/users/${user.id}/sessions/${UNKNOWN_ID}`, { token: a.token });
      expect(unknown.status).toBe(404);
    });

    it("lets a tenant admin end all of a user's sessions: their tokens are refused at once", async () => {
      const user = await tenantUser('all');
      const sessions = [await signIn('tenant', user.email, 'all-agent/1'), await signIn('tenant', user.email, 'all-agent/2')];
      const bystander = await signIn('tenant', (await tenantUser('unaffected')).email, 'unaffected-agent/1');

      const byViewer = await api.call('DELETE', `/api/v1/users/${user.id}/sessions`, { token: viewerToken });
      expect(byViewer.status, JSON.stringify(byViewer.body)).toBe(403);
      for (const s of sessions) expect(await works('tenant', s.accessToken)).toBe(true);

      const res = await api.call('DELETE', `/api/v1/users/${user.id}/sessions`, { token: a.token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ revoked: 2 });
      for (const [i, s] of sessions.entries()) {
        expectUnauthenticated(await listOwn('tenant', s.accessToken), `access token ${i + 1} after the admin ended all`);
        expectUnauthenticated(await refresh('tenant', s.refreshToken), `refresh token ${i + 1} after the admin ended all`);
      }
      expect((await userSessions(a.token, user.id)).body.items).toEqual([]);
      expect(await works('tenant', bystander.accessToken)).toBe(true);
      expect(await works('tenant', a.token)).toBe(true);
    });

    it("never shows or ends the sessions of another tenant's user", async () => {
      const outsider = await tenantUser('outsider', tenantB);
      const theirs = await api.call('POST', '/api/v1/auth/login', {
        tenant: b.slug,
        body: { email: outsider.email, password: PASSWORD },
      });
      expect(theirs.status).toBe(200);
      const theirSid = sid(theirs.body.accessToken);

      const seen = await userSessions(a.token, outsider.id);
      expect([200, 404], JSON.stringify(seen.body)).toContain(seen.status);
      if (seen.status === 200) expect(seen.body.items).toEqual([]);
      expect(JSON.stringify(seen.body)).not.toContain(theirSid);

      // Naming the other tenant does not help: the admin's token is tenant A's.
      const named = await api.call('GET', `/api/v1/users/${outsider.id}/sessions`, { token: a.token, tenant: b.slug });
      expect(named.status).toBe(403);
      expect(JSON.stringify(named.body)).not.toContain(theirSid);

      const endOne = await api.call('DELETE', `/api/v1/users/${outsider.id}/sessions/${theirSid}`, { token: a.token });
      expect(endOne.status).toBe(404);
      const endAll = await api.call('DELETE', `/api/v1/users/${outsider.id}/sessions`, { token: a.token });
      expect([200, 404]).toContain(endAll.status);
      if (endAll.status === 200) expect(endAll.body).toEqual({ revoked: 0 });

      expect(await works('tenant', theirs.body.accessToken)).toBe(true);
      expect((await refresh('tenant', theirs.body.refreshToken)).status).toBe(401); // wrong tenant (A), not revoked
      const inB = await api.call('POST', '/api/v1/auth/refresh', {
        tenant: b.slug,
        body: { refreshToken: theirs.body.refreshToken },
      });
      expect(inB.status, JSON.stringify(inB.body)).toBe(200);
    });
  });
});

/** The parts of a problem a client can compare across calls. */
function comparableProblem(res: Reply) {
  return { status: res.body.status, code: res.body.code, title: res.body.title, detail: res.body.detail };
}
