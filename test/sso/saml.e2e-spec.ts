import { randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenant, eventually, superAdminToken, type TestTenant } from '../support/fixtures';
import type { Page } from './support/browser';
import { problemOf, verifyDomain } from './support/env';
import { Browser } from './support/browser';
import { postToAcs, samlSignIn, startSamlEnv, type SamlEnv } from './support/saml-env';
import type { ResponseOptions } from './support/saml-identity-provider';

const REDIRECT = 'https://app.customer.test/sso/done';
const OTHER_REDIRECT = 'https://app.customer.test/sso/other';
const ENTRA_EMAIL = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const ENTRA_GIVEN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname';
const ENTRA_SURNAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname';
const ENTRA_GROUPS = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';

const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const ASSERTION = /<saml:Assertion[\s\S]*<\/saml:Assertion>/;
const SIGNATURE = /<ds:Signature[\s\S]*<\/ds:Signature>/;

const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const unique = (what: string) => `${what}-${randomBytes(4).toString('hex')}`;

/**
 * SAML 2.0 sign-in against a real identity provider (samlify over HTTPS, reading the API's SP
 * metadata as Okta or ADFS would): configuration, the SP-initiated flow to GET /users/me, JIT
 * provisioning and returning users, attribute mapping, and every refusal, XML signature
 * wrapping included.
 */
describe('SAML 2.0 single sign-on', () => {
  let env: SamlEnv;
  let pg: Client;
  let t: TestTenant;
  const domain = `${unique('saml')}.test`;

  beforeAll(async () => {
    env = await startSamlEnv();
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    t = await createTenant(env.api, await superAdminToken(env.api));
    await verifyDomain(env, t.token, domain);
  });

  afterAll(async () => {
    await pg?.end();
    await env?.close();
  });

  const configure = async (body: Record<string, unknown> = {}): Promise<any> => {
    const res = await env.api.call('POST', '/api/v1/sso/providers', {
      token: t.token,
      body: {
        type: 'saml',
        name: 'Test SAML IdP',
        redirectUris: [REDIRECT, OTHER_REDIRECT],
        allowedDomains: [domain],
        idpMetadataUrl: env.idp.metadataUrl,
        autoProvision: true,
        defaultRole: 'viewer',
        ...body,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  const exchange = (code: string | null) => env.api.call('POST', '/api/v1/auth/sso/exchange', { body: { code } });

  const me = async (token: string) => {
    const res = await env.api.call('GET', '/api/v1/users/me', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  const auditEvents = async (action: string) => {
    const res = await env.api.call('GET', `/api/v1/audit-events?action=${action}&limit=100`, { token: t.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as {
      actor: { id: string | null; email: string | null };
      outcome: string;
      metadata: any;
      resource: any;
    }[];
  };

  /** A refusal: 401 SSO_FAILED with the reason, no code, and an audit event naming the reason. */
  const expectRefused = async (page: Page, reason: string, providerId: string) => {
    expect(page.status, page.body).toBe(401);
    expect(page.location).toBeNull();
    expect(problemOf(page)).toMatchObject({ code: 'SSO_FAILED', reason });
    // A refused request's event is written once its response is out: looked for until a deadline.
    await eventually(async () =>
      (await auditEvents('auth.sso.login')).some(
        (e) => e.outcome === 'failure' && e.metadata?.providerId === providerId && e.metadata?.reason === reason,
      ),
    );
  };

  describe('configuration', () => {
    it('reads the IdP from its metadata URL and serves the SP metadata the IdP imports', async () => {
      const provider = await configure();
      expect(provider).toMatchObject({ type: 'saml', clientId: null, issuer: null, azureTenantId: null });
      const cert = new X509Certificate(env.idp.certificate);
      expect(provider.saml).toMatchObject({
        idpEntityId: env.idp.entityId,
        idpSsoUrl: env.idp.ssoUrl,
        idpMetadataUrl: env.idp.metadataUrl,
        idpCertificates: [{ fingerprint: cert.fingerprint256 }],
        signatureRequired: 'assertion',
        allowIdpInitiated: false,
        attributeMapping: { email: null, firstName: null, lastName: null, groups: null },
        acsUrl: env.acsUrl,
        spEntityId: `${env.api.url}/api/v1/auth/sso/${t.id}/${provider.id}/saml/metadata`,
      });
      expect(provider.saml.metadataUrl).toBe(provider.saml.spEntityId);

      for (const tenantRef of [t.slug, t.id]) {
        const res = await fetch(`${env.api.url}/api/v1/auth/sso/${tenantRef}/${provider.id}/saml/metadata`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/samlmetadata\+xml/);
        const xml = await res.text();
        expect(xml).toContain(`entityID="${provider.saml.spEntityId}"`);
        expect(xml).toMatch(new RegExp(`AssertionConsumerService[^>]*Location="${env.acsUrl}"`));
        expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
        expect(xml).toContain('WantAssertionsSigned="true"');
      }
      const oidc = await env.api.call('GET', `/api/v1/auth/sso/${t.slug}/${randomUUID()}/saml/metadata`);
      expect(oidc.status).toBe(404);
    });

    it('takes the metadata XML, or the entity id, SSO URL and certificates themselves', async () => {
      const fromXml = await configure({ idpMetadataUrl: undefined, idpMetadataXml: env.idp.metadata() });
      expect(fromXml.saml).toMatchObject({ idpEntityId: env.idp.entityId, idpSsoUrl: env.idp.ssoUrl, idpMetadataUrl: null });
      const bare = env.idp.certificate.replace(/-----[A-Z ]+-----|\s/g, '');
      const explicit = await configure({
        idpMetadataUrl: undefined,
        idpEntityId: 'urn:example:idp',
        idpSsoUrl: 'https://idp.example.com/sso',
        idpCertificates: [bare],
        signatureRequired: 'both',
        allowIdpInitiated: true,
        attributeMapping: { groups: 'roles' },
      });
      expect(explicit.saml).toMatchObject({
        idpEntityId: 'urn:example:idp',
        idpSsoUrl: 'https://idp.example.com/sso',
        signatureRequired: 'both',
        allowIdpInitiated: true,
        attributeMapping: { email: null, groups: 'roles' },
      });
      expect(explicit.saml.idpCertificates[0].pem).toContain('-----BEGIN CERTIFICATE-----');

      const patched = await env.api.call('PATCH', `/api/v1/sso/providers/${explicit.id}`, {
        token: t.token,
        body: { idpSsoUrl: 'https://idp.example.com/sso2', allowIdpInitiated: false },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.saml).toMatchObject({
        idpEntityId: 'urn:example:idp',
        idpSsoUrl: 'https://idp.example.com/sso2',
        allowIdpInitiated: false,
        attributeMapping: { groups: 'roles' },
      });
      const audit = (await auditEvents('sso_provider.updated')).find((e) => e.resource.id === explicit.id);
      expect(audit?.metadata?.changes ?? audit).toBeTruthy();
    });

    it('refuses what does not make a SAML provider', async () => {
      const post = (body: Record<string, unknown>) =>
        env.api.call('POST', '/api/v1/sso/providers', {
          token: t.token,
          body: { type: 'saml', name: 'Bad', redirectUris: [REDIRECT], allowedDomains: [domain], ...body },
        });
      const expectInvalid = async (body: Record<string, unknown>, field: string, code = 'VALIDATION_FAILED') => {
        const res = await post(body);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.code).toBe(code);
        expect(res.body.errors?.map((e: { field: string }) => e.field)).toContain(field);
      };
      await expectInvalid({}, 'idpEntityId');
      await expectInvalid({ idpMetadataXml: '<nope' }, 'idpMetadataXml');
      await expectInvalid({ idpMetadataXml: '<EntityDescriptor entityID="x"/>' }, 'idpMetadataXml');
      await expectInvalid(
        { idpEntityId: 'urn:x', idpSsoUrl: 'https://idp.example.com/sso', idpCertificates: ['bm90IGEgY2VydA=='] },
        'idpCertificates',
      );
      await expectInvalid({ idpMetadataUrl: env.idp.metadataUrl, clientId: 'x', clientSecret: 'y' }, 'clientId');
      await expectInvalid({ idpMetadataUrl: 'https://10.1.2.3/metadata' }, 'idpMetadataUrl', 'URL_REFUSED');
      const unreadable = await post({ idpMetadataUrl: `${env.idp.origin}/no-metadata-here` });
      expect(unreadable.status).toBe(502);
      expect(unreadable.body.code).toBe('SSO_PROVIDER_UNAVAILABLE');
      const oidc = await env.api.call('POST', '/api/v1/sso/providers', {
        token: t.token,
        body: {
          type: 'oidc',
          name: 'OIDC',
          issuer: 'https://idp.example.com',
          clientId: 'c',
          clientSecret: 's',
          redirectUris: [REDIRECT],
          allowedDomains: [domain],
          idpMetadataUrl: env.idp.metadataUrl,
        },
      });
      expect(oidc.status).toBe(400);
      expect(oidc.body.errors.map((e: { field: string }) => e.field)).toContain('idpMetadataUrl');
      const noClient = await env.api.call('POST', '/api/v1/sso/providers', {
        token: t.token,
        body: {
          type: 'oidc',
          name: 'OIDC',
          issuer: 'https://idp.example.com',
          redirectUris: [REDIRECT],
          allowedDomains: [domain],
        },
      });
      expect(noClient.status).toBe(400);
      expect(noClient.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['clientId', 'clientSecret']),
      );
    });
  });

  describe('SP-initiated sign-in', () => {
    let providerId: string;

    beforeAll(async () => {
      providerId = (await configure()).id;
    });

    it('provisions a new user just in time from the assertion, through the one-time code, to GET /users/me', async () => {
      const email = `grace@${domain}`;
      env.idp.addAccount({
        nameId: email,
        attributes: { email, firstName: 'Grace', lastName: 'Hopper', groups: ['engineering', 'navy'] },
      });
      const s = await samlSignIn(env, { tenant: t.slug, providerId, account: email, redirectUri: REDIRECT, clientState: 'xyz' });

      // An AuthnRequest by the HTTP-Redirect binding, answering to the ACS, with a RelayState naming the sign-in.
      expect(s.requestUrl.origin + s.requestUrl.pathname).toBe(env.idp.ssoUrl);
      const request = inflateRawSync(Buffer.from(s.requestUrl.searchParams.get('SAMLRequest')!, 'base64')).toString();
      expect(request).toContain(`AssertionConsumerServiceURL="${env.acsUrl}"`);
      expect(request).toContain(`${env.api.url}/api/v1/auth/sso/${t.id}/${providerId}/saml/metadata</saml:Issuer>`);
      expect(s.requestUrl.searchParams.get('RelayState')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.posted.acs).toBe(env.acsUrl);

      expect(s.acs.status, s.acs.body).toBe(303);
      const back = new URL(s.acs.location!);
      expect(back.origin + back.pathname).toBe(REDIRECT);
      expect([...back.searchParams.keys()].sort()).toEqual(['code', 'state']);
      expect(back.searchParams.get('state')).toBe('xyz');

      const res = await exchange(s.code);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const user = await me(res.body.accessToken);
      expect(user).toMatchObject({ email, name: 'Grace Hopper', status: 'active', roles: ['viewer'] });
      expect(user.tenant.id).toBe(t.id);

      const history = await env.api.call('GET', '/api/v1/auth/history', { token: res.body.accessToken });
      expect(history.body.items.map((e: { outcome: string; method: string }) => [e.outcome, e.method])).toEqual([
        ['success', 'sso:saml'],
      ]);
      const [login] = (await auditEvents('auth.sso.login')).filter((e) => e.actor.id === user.id);
      expect(login.outcome).toBe('success');
      expect(login.metadata).toMatchObject({
        method: 'sso:saml',
        providerId,
        provisioned: true,
        groups: ['engineering', 'navy'],
      });
      const { rows } = await pg.query(
        `SELECT user_id, subject, groups FROM ${schemaOf(t.id)}.sso_identities WHERE provider_id = $1`,
        [providerId],
      );
      expect(rows).toContainEqual({ user_id: user.id, subject: email, groups: ['engineering', 'navy'] });
    });

    it('recognises a returning user by (provider, NameID), and refreshes the groups it was given', async () => {
      const email = `alan@${domain}`;
      env.idp.addAccount({ nameId: email, attributes: { email, firstName: 'Alan', lastName: 'Turing', groups: 'bletchley' } });
      const first = await samlSignIn(env, { tenant: t.slug, providerId, account: email, redirectUri: REDIRECT });
      const firstUser = await me((await exchange(first.code)).body.accessToken);
      env.idp.addAccount({ nameId: email, attributes: { email, firstName: 'Alan', lastName: 'Turing', groups: ['manchester'] } });
      const second = await samlSignIn(env, { tenant: t.slug, providerId, account: email, redirectUri: OTHER_REDIRECT });
      expect(new URL(second.acs.location!).pathname).toBe('/sso/other');
      const res = await exchange(second.code);
      const secondUser = await me(res.body.accessToken);
      expect(secondUser.id).toBe(firstUser.id);
      const { rows } = await pg.query(
        `SELECT count(*)::int AS links, max(groups::text) AS groups FROM ${schemaOf(t.id)}.sso_identities WHERE user_id = $1`,
        [firstUser.id],
      );
      expect(rows[0]).toEqual({ links: 1, groups: '{manchester}' });
      const logins = (await auditEvents('auth.sso.login')).filter((e) => e.actor.id === firstUser.id);
      expect(logins.map((e) => e.metadata.provisioned)).toEqual([false, true]);
    });
    it('links an existing user by email, who signs in through the IdP while the tenant refuses passwords (ssoEnforced)', async () => {
      const email = `enforced@${domain}`;
      const password = 'quartz-lantern-meadow-7';
      const created = await env.api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'Enforced', password },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const setEnforced = (ssoEnforced: boolean) =>
        env.api.call('PATCH', '/api/v1/tenant', { token: t.token, body: { settings: { ssoEnforced } } });
      expect((await setEnforced(true)).status).toBe(200);
      try {
        const refused = await env.api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password } });
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('SSO_REQUIRED');
        env.idp.addAccount({ nameId: email, attributes: { email } });
        const s = await samlSignIn(env, { tenant: t.slug, providerId, account: email, redirectUri: REDIRECT });
        expect(s.acs.status, s.acs.body).toBe(303);
        expect((await me((await exchange(s.code)).body.accessToken)).id).toBe(created.body.id);
        const linked = (await auditEvents('auth.sso.identity_linked')).filter((e) => e.resource.id === created.body.id);
        expect(linked).toHaveLength(1);
      } finally {
        expect((await setEnforced(false)).status).toBe(200);
      }
    });
  });

  describe('signature requirements', () => {
    it('takes a signed response instead of a signed assertion when the provider says so', async () => {
      const provider = await configure({ signatureRequired: 'response' });
      const email = env.idp.addAccount({ nameId: `response-signed@${domain}`, attributes: {} });
      const s = await samlSignIn(env, { tenant: t.slug, providerId: provider.id, account: email, redirectUri: REDIRECT });
      const xml = Buffer.from(s.posted.fields.SAMLResponse, 'base64').toString();
      // The IdP read from our metadata that the assertion need not be signed, and signed the response.
      expect(xml.match(/<ds:Signature[\s>]/g)).toHaveLength(1);
      expect(xml.indexOf('<ds:Signature')).toBeLessThan(xml.indexOf('<saml:Assertion'));
      expect(s.acs.status, s.acs.body).toBe(303);
    });

    it('refuses a response whose assertion alone is signed when both must be', async () => {
      const provider = await configure({ signatureRequired: 'both' });
      const email = env.idp.addAccount({ nameId: `assertion-signed@${domain}`, attributes: {} });
      const s = await samlSignIn(env, { tenant: t.slug, providerId: provider.id, account: email, redirectUri: REDIRECT });
      await expectRefused(s.acs, 'signature_invalid', provider.id);
    });
  });

  describe('attribute mapping', () => {
    it('reads Entra ID claim names by default, with an opaque NameID, and maps its groups claim', async () => {
      const providerId = (await configure()).id;
      const email = `margaret@${domain}`;
      const nameId = env.idp.addAccount({
        nameId: `00u${randomBytes(8).toString('hex')}`,
        nameIdFormat: UNSPECIFIED,
        attributes: {
          [ENTRA_EMAIL]: email,
          [ENTRA_GIVEN]: 'Margaret',
          [ENTRA_SURNAME]: 'Hamilton',
          [ENTRA_GROUPS]: ['apollo', 'mit'],
        },
      });
      const s = await samlSignIn(env, { tenant: t.slug, providerId, account: nameId, redirectUri: REDIRECT });
      expect(s.acs.status, s.acs.body).toBe(303);
      const user = await me((await exchange(s.code)).body.accessToken);
      expect(user).toMatchObject({ email, name: 'Margaret Hamilton' });
      const [login] = (await auditEvents('auth.sso.login')).filter((e) => e.actor.id === user.id);
      expect(login.metadata.groups).toEqual(['apollo', 'mit']);
      const { rows } = await pg.query(`SELECT subject FROM ${schemaOf(t.id)}.sso_identities WHERE user_id = $1`, [user.id]);
      expect(rows).toEqual([{ subject: nameId }]);
    });

    it('reads the attributes a provider maps, and only those', async () => {
      const providerId = (await configure({ attributeMapping: { email: 'mailPrimary', groups: 'teams' } })).id;
      const email = `katherine@${domain}`;
      const nameId = env.idp.addAccount({
        nameId: `kj-${randomBytes(4).toString('hex')}`,
        nameIdFormat: UNSPECIFIED,
        attributes: {
          email: `not-this@${domain}`,
          mailPrimary: email,
          firstName: 'Katherine',
          lastName: 'Johnson',
          groups: ['not-these'],
          teams: ['flight-research', 'orbital'],
        },
      });
      const s = await samlSignIn(env, { tenant: t.slug, providerId, account: nameId, redirectUri: REDIRECT });
      expect(s.acs.status, s.acs.body).toBe(303);
      const user = await me((await exchange(s.code)).body.accessToken);
      expect(user).toMatchObject({ email, name: 'Katherine Johnson' });
      const { rows } = await pg.query(`SELECT groups FROM ${schemaOf(t.id)}.sso_identities WHERE user_id = $1`, [user.id]);
      expect(rows).toEqual([{ groups: ['flight-research', 'orbital'] }]);
    });
  });

  describe('refusals', () => {
    let providerId: string;
    let spEntityId: string;
    let otherSpEntityId: string;

    beforeAll(async () => {
      const provider = await configure();
      providerId = provider.id;
      spEntityId = provider.saml.spEntityId;
      otherSpEntityId = (await configure({ name: 'Another SAML IdP' })).saml.spEntityId;
    });

    /** A sign-in whose response the IdP builds with `options`. */
    const signInWith = async (account: string, options: ResponseOptions = {}) => {
      env.idp.next = options;
      return samlSignIn(env, { tenant: t.slug, providerId, account, redirectUri: REDIRECT });
    };

    const person = (local: string, at = domain) => {
      const email = `${local}-${randomBytes(3).toString('hex')}@${at}`;
      return env.idp.addAccount({ nameId: email, attributes: { email, firstName: local } });
    };

    /** The XML the browser posted to the ACS. */
    const sent = (s: { posted: { fields: Record<string, string> } }) =>
      Buffer.from(s.posted.fields.SAMLResponse, 'base64').toString('utf8');

    /** The signed assertion of a response, changed to name someone else, its signature and id gone. */
    const forgedFrom = (signed: string, victim: string) =>
      signed
        .replace(SIGNATURE, '')
        .replace(/ ID="[^"]+"/, ' ID="_forged"')
        .replace(/(<saml:NameID[^>]*>)[^<]*/, `$1${victim}`)
        .replace(/(<saml:Attribute Name="email"[^>]*><saml:AttributeValue[^>]*>)[^<]*/, `$1${victim}`);

    it('refuses a response not signed with the configured certificate, or changed after signing', async () => {
      const rogue = await signInWith(person('rogue'), { rogueKey: true });
      await expectRefused(rogue.acs, 'signature_invalid', providerId);
      const victim = `victim@${domain}`;
      const changed = await signInWith(person('mallory'), {
        tamper: (xml) => xml.replace(/(<saml:NameID[^>]*>)[^<]*/, `$1${victim}`),
      });
      await expectRefused(changed.acs, 'signature_invalid', providerId);
    });

    it('refuses XML signature wrapping: a second, unsigned assertion beside the signed one', async () => {
      const victim = `ada-${randomBytes(3).toString('hex')}@${domain}`;
      for (const order of ['before', 'after'] as const) {
        const s = await signInWith(person('wrapper'), {
          tamper: (xml) => {
            const signed = xml.match(ASSERTION)![0];
            const forged = forgedFrom(signed, victim);
            return xml.replace(signed, order === 'before' ? forged + signed : signed + forged);
          },
        });
        expect(sent(s).match(/<saml:Assertion /g)).toHaveLength(2);
        await expectRefused(s.acs, 'signature_invalid', providerId);
      }
    });

    it('refuses XML signature wrapping: the signed assertion moved away, its signature left on a forged one', async () => {
      const victim = `ada-${randomBytes(3).toString('hex')}@${domain}`;
      const s = await signInWith(person('mover'), {
        tamper: (xml) => {
          const signed = xml.match(ASSERTION)![0];
          const signature = signed.match(SIGNATURE)![0];
          // The forged assertion carries the original signature (whose reference names the moved one).
          const forged = forgedFrom(signed, victim).replace(/(<saml:Issuer>[^<]*<\/saml:Issuer>)/, `$1${signature}`);
          return xml
            .replace(signed, forged)
            .replace(
              '</saml:Issuer><samlp:Status>',
              `</saml:Issuer><samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`,
            );
        },
      });
      await expectRefused(s.acs, 'signature_invalid', providerId);
    });

    it('reads a NameID with a comment inside as a whole: the signed name, not the part before the comment', async () => {
      // The victim signed in before and is linked by NameID.
      const victim = person('victim');
      const first = await signInWith(victim);
      const victimUser = await me((await exchange(first.code)).body.accessToken);
      // The attacker's own account at the IdP: the victim's address with a domain of its own appended.
      const attacker = env.idp.addAccount({ nameId: `${victim}.evil.test` });
      const s = await signInWith(attacker, {
        tamper: (xml) => xml.replace(`>${victim}.evil.test<`, `>${victim}<!---->.evil.test<`),
      });
      expect(sent(s)).toContain(`<!---->.evil.test</saml:NameID>`);
      // Still validly signed (comments are not signed), and read whole: an address at evil.test.
      await expectRefused(s.acs, 'domain_not_allowed', providerId);
      const logins = (await auditEvents('auth.sso.login')).filter((e) => e.actor.id === victimUser.id);
      expect(logins.map((e) => e.outcome)).toEqual(['success']);
    });

    it('refuses an assertion for another audience, another issuer or another ACS', async () => {
      await expectRefused((await signInWith(person('aud'), { audience: otherSpEntityId })).acs, 'audience_mismatch', providerId);
      await expectRefused(
        (await signInWith(person('aud2'), { audience: 'https://other-service.example/saml' })).acs,
        'audience_mismatch',
        providerId,
      );
      await expectRefused(
        (await signInWith(person('iss'), { issuer: 'https://evil-idp.example/metadata' })).acs,
        'issuer_mismatch',
        providerId,
      );
      await expectRefused(
        (await signInWith(person('rcpt'), { recipient: 'https://other-service.example/acs' })).acs,
        'destination_mismatch',
        providerId,
      );
      await expectRefused(
        (await signInWith(person('dest'), { destination: 'https://other-service.example/acs' })).acs,
        'destination_mismatch',
        providerId,
      );
    });

    it('refuses an expired assertion and one not yet valid, beyond the clock skew', async () => {
      const now = Date.now();
      await expectRefused(
        (await signInWith(person('late'), { notBefore: new Date(now - 20 * 60_000), notOnOrAfter: new Date(now - 10 * 60_000) }))
          .acs,
        'expired',
        providerId,
      );
      await expectRefused(
        (await signInWith(person('early'), { notBefore: new Date(now + 10 * 60_000), notOnOrAfter: new Date(now + 20 * 60_000) }))
          .acs,
        'expired',
        providerId,
      );
    });

    it('takes each response once: a replayed one is refused, and its code was the only one', async () => {
      const s = await signInWith(person('replay'));
      expect(s.acs.status, s.acs.body).toBe(303);
      const again = await postToAcs(s.posted);
      await expectRefused(again.acs, 'replayed', providerId);
      expect((await exchange(s.code)).status).toBe(200);
    });

    it('refuses a response to a request this server did not send, or that names none', async () => {
      const account = person('forged');
      // A sign-in started here, answered with a response to another request.
      const browser = new Browser();
      const started = await browser.get(
        `${env.api.url}/api/v1/auth/sso/${t.slug}/${providerId}/start?${new URLSearchParams({ redirectUri: REDIRECT })}`,
      );
      const relayState = new URL(started.location!).searchParams.get('RelayState')!;
      const forged = await env.idp.respond(spEntityId, account, { inResponseTo: '_not-ours', relayState });
      await expectRefused((await postToAcs(forged)).acs, 'unknown_request', providerId);
      // The same sign-in answered without InResponseTo.
      const started2 = await browser.get(started.url);
      const relayState2 = new URL(started2.location!).searchParams.get('RelayState')!;
      const bare = await env.idp.respond(spEntityId, account, { relayState: relayState2 });
      await expectRefused((await postToAcs(bare)).acs, 'unknown_request', providerId);
      // No RelayState, but an InResponseTo: an answer to no sign-in of ours.
      const stray = await env.idp.respond(spEntityId, account, { inResponseTo: '_not-ours' });
      await expectRefused((await postToAcs(stray)).acs, 'unknown_request', providerId);
      // Nothing of ours at all.
      const nowhere = await postToAcs({ acs: env.acsUrl, fields: { SAMLResponse: Buffer.from('<x/>').toString('base64') } });
      expect(nowhere.acs.status).toBe(401);
      expect(problemOf(nowhere.acs)).toMatchObject({ code: 'SSO_FAILED', reason: 'unknown_request' });
    });

    it('refuses an address outside the allowed domains', async () => {
      const s = await signInWith(person('outsider', 'elsewhere.test'));
      await expectRefused(s.acs, 'domain_not_allowed', providerId);
    });

    it('refuses IdP-initiated sign-in unless the provider allows it; then it ends at a registered redirect URI, once', async () => {
      const account = person('dashboard');
      const unsolicited = await env.idp.respond(spEntityId, account);
      await expectRefused((await postToAcs(unsolicited)).acs, 'idp_initiated_disabled', providerId);

      const allowing = await configure({ name: 'IdP-initiated', allowIdpInitiated: true });
      const first = await postToAcs(await env.idp.respond(allowing.saml.spEntityId, account));
      expect(first.acs.status, first.acs.body).toBe(303);
      expect(first.acs.location!.startsWith(`${REDIRECT}?code=`)).toBe(true);
      const posted = await env.idp.respond(allowing.saml.spEntityId, account, { relayState: OTHER_REDIRECT });
      const second = await postToAcs(posted);
      expect(new URL(second.acs.location!).pathname).toBe('/sso/other');
      const user = await me((await exchange(second.code)).body.accessToken);
      expect(user.email).toBe(account);
      await expectRefused((await postToAcs(posted)).acs, 'replayed', allowing.id);
      // A RelayState that is not a registered redirect URI is ignored.
      const elsewhere = await postToAcs(
        await env.idp.respond(allowing.saml.spEntityId, account, { relayState: 'https://evil.test/' }),
      );
      expect(elsewhere.acs.location!.startsWith(`${REDIRECT}?code=`)).toBe(true);
    });
  });
});
