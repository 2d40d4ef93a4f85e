import { randomBytes, randomUUID } from 'node:crypto';
import https from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import tls from 'node:tls';
import selfsigned from 'selfsigned';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, type TestApi } from '../support/api';
import { createTenant, superAdminToken, type TestTenant } from '../support/fixtures';
import { expectProblem } from '../support/problems';

const REDIRECT = 'https://app.customer.test/sso/done';
const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const domainOf = (what: string) => `${what}-${randomBytes(4).toString('hex')}.test`;

/** A TCP listener on 127.0.0.1 (and ::1 on the same port where the host has it) that counts connections and drops them. */
class CountingListener {
  connections = 0;
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<this> {
    const v4 = await this.listen(0, '127.0.0.1');
    this.port = (v4.address() as AddressInfo).port;
    await this.listen(this.port, '::1').catch(() => undefined);
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((s) => new Promise((done) => s.close(done))));
  }

  private listen(port: number, host: string): Promise<Server> {
    const server = createServer((socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.destroy();
    });
    return new Promise<Server>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        this.servers.push(server);
        resolve(server);
      });
    });
  }
}

/**
 * An identity provider's URLs are requests the server makes on a tenant's behalf, some of them
 * unauthenticated (the sign-in start): a tenant admin must not be able to aim them at the
 * platform's own network. Nothing here may ever connect to the listener.
 */
describe('identity provider URLs and the server-side request guard', () => {
  let api: TestApi;
  let pg: Client;
  let listener: CountingListener;
  let t: TestTenant;
  let internal: string[];

  beforeAll(async () => {
    listener = await new CountingListener().start();
    // The operator's Entra authority and Google issuer pointed at the listener too (a misconfiguration, or a hostile resolver).
    api = await startApi({
      SSO_ENTRA_AUTHORITY: `https://127.0.0.1:${listener.port}`,
      SSO_GOOGLE_ISSUER: `https://localhost:${listener.port}`,
    });
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    t = await createTenant(api, await superAdminToken(api));
    const p = listener.port;
    internal = [`https://127.0.0.1:${p}`, `https://[::1]:${p}`, `https://localhost:${p}`, `https://[::127.0.0.1]:${p}`];
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
    await listener?.close();
  });

  const provider = (issuer: string) => ({
    type: 'oidc',
    name: 'Internal',
    issuer,
    clientId: 'stratum',
    clientSecret: `secret-${randomBytes(12).toString('hex')}`,
    allowedDomains: [domainOf('ssrf')],
    redirectUris: [REDIRECT],
  });

  /** A provider whose issuer is a public address (nothing is requested at configuration). */
  const publicProvider = async (): Promise<string> => {
    const res = await api.call('POST', '/api/v1/sso/providers', { token: t.token, body: provider('https://8.8.8.8') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };

  const start = (providerId: string) =>
    api.call('GET', `/api/v1/auth/sso/${t.slug}/${providerId}/start?redirectUri=${encodeURIComponent(REDIRECT)}`);

  it('refuses an issuer on a loopback or otherwise internal address when the provider is configured', async () => {
    const id = await publicProvider();
    const refused = [...internal, 'https://169.254.169.254', 'https://[::ffff:10.0.0.1]', 'https://[64:ff9b::a9fe:a9fe]'];
    for (const issuer of refused) {
      const created = await api.call('POST', '/api/v1/sso/providers', { token: t.token, body: provider(issuer) });
      expectProblem(created, 400, 'URL_REFUSED');
      expect(
        created.body.errors.map((e: { field: string }) => e.field),
        issuer,
      ).toEqual(['issuer']);
      expect(created.body.reason, issuer).toMatch(/not a public address/);
      const patched = await api.call('PATCH', `/api/v1/sso/providers/${id}`, { token: t.token, body: { issuer } });
      expectProblem(patched, 400, 'URL_REFUSED');
    }
    const after = await api.call('GET', `/api/v1/sso/providers/${id}`, { token: t.token });
    expect(after.body.issuer).toBe('https://8.8.8.8');
    expect(listener.connections).toBe(0);
  });

  it('never connects to an internal issuer forced into the database, however often sign-in is started', async () => {
    const id = await publicProvider();
    for (const issuer of internal) {
      await pg.query(`UPDATE ${schemaOf(t.id)}.sso_providers SET issuer = $1, updated_at = now() WHERE id = $2`, [issuer, id]);
      for (let i = 0; i < 3; i++) {
        const res = await start(id);
        expectProblem(res, 502, 'SSO_PROVIDER_UNAVAILABLE');
        expect(res.body.detail).toBe('The identity provider\u2019s configuration could not be read');
      }
    }
    expect(listener.connections).toBe(0);
  });

  it('checks the Entra metadata host and the Google issuer through the same guard, at configuration and at sign-in', async () => {
    const entra = { ...provider('unused'), type: 'entra', issuer: undefined, azureTenantId: randomUUID() };
    const google = { ...provider('unused'), type: 'google', issuer: undefined };
    for (const body of [entra, google]) {
      const res = await api.call('POST', '/api/v1/sso/providers', { token: t.token, body });
      expectProblem(res, 400, 'URL_REFUSED');
      expect(res.body.reason, body.type).toMatch(/not a public address \(loopback\)/);
    }
    // Rows that got past the API (or predate this check) are refused at every start, without a connection.
    const id = await publicProvider();
    for (const [type, azureTenantId] of [
      ['entra', randomUUID()],
      ['google', null],
    ]) {
      await pg.query(
        `UPDATE ${schemaOf(t.id)}.sso_providers SET type = $1, issuer = NULL, azure_tenant_id = $2, updated_at = now() WHERE id = $3`,
        [type, azureTenantId, id],
      );
      for (let i = 0; i < 2; i++) expectProblem(await start(id), 502, 'SSO_PROVIDER_UNAVAILABLE');
    }
    expect(listener.connections).toBe(0);
  });

  describe('with a private identity provider host allowed (SSO_ALLOWED_PRIVATE_HOSTS)', () => {
    let onPremises: TestApi;
    let idp: CountingListener;

    beforeAll(async () => {
      idp = await new CountingListener().start();
      onPremises = await startApi({
        SSO_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
        SSO_ENTRA_AUTHORITY: `https://127.0.0.1:${idp.port}`,
      });
    });

    afterAll(async () => {
      await onPremises?.close();
      await idp?.close();
    });

    it('accepts that host only, and remembers a failed discovery instead of asking again at each start', async () => {
      const refused = await onPremises.call('POST', '/api/v1/sso/providers', {
        token: t.token,
        body: provider(`https://[::1]:${idp.port}`),
      });
      expectProblem(refused, 400, 'URL_REFUSED');
      const created = await onPremises.call('POST', '/api/v1/sso/providers', {
        token: t.token,
        body: provider(`https://127.0.0.1:${idp.port}`),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      // The listener drops every connection: discovery fails once, and is not tried again for a while.
      for (let i = 0; i < 3; i++) {
        const res = await onPremises.call(
          'GET',
          `/api/v1/auth/sso/${t.slug}/${created.body.id}/start?redirectUri=${encodeURIComponent(REDIRECT)}`,
        );
        expectProblem(res, 502, 'SSO_PROVIDER_UNAVAILABLE');
      }
      expect(idp.connections).toBe(1);
    });

    it('remembers a failed Entra start too', async () => {
      const before = idp.connections;
      const created = await onPremises.call('POST', '/api/v1/sso/providers', {
        token: t.token,
        body: { ...provider('unused'), type: 'entra', issuer: undefined, azureTenantId: randomUUID() },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      for (let i = 0; i < 3; i++) {
        const res = await onPremises.call(
          'GET',
          `/api/v1/auth/sso/${t.slug}/${created.body.id}/start?redirectUri=${encodeURIComponent(REDIRECT)}`,
        );
        expectProblem(res, 502, 'SSO_PROVIDER_UNAVAILABLE');
      }
      expect(idp.connections - before).toBe(1);
    });
  });

  describe('with a provider whose discovery document names internal endpoints', () => {
    let hostile: https.Server;
    let inside: CountingListener;
    let previousAgent: https.Agent;
    let lenient: TestApi;
    let issuer: string;
    let discoveries = 0;

    beforeAll(async () => {
      inside = await new CountingListener().start();
      const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
        keySize: 2048,
        algorithm: 'sha256',
        notAfterDate: new Date(Date.now() + 3600_000),
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
      });
      hostile = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
        if (req.url !== '/x/.well-known/openid-configuration') return void res.writeHead(404).end();
        discoveries++;
        const internal = `https://127.0.0.1:${inside.port}`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/auth`,
            token_endpoint: `${internal}/token`,
            jwks_uri: `${internal}/jwks`,
            userinfo_endpoint: `${internal}/userinfo`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      });
      await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', done));
      issuer = `https://localhost:${(hostile.address() as AddressInfo).port}/x`;
      previousAgent = https.globalAgent;
      https.globalAgent = new https.Agent({ keepAlive: false, ca: [...tls.rootCertificates, pems.cert] });
      // The provider's own host is allowed by name; the endpoints its document names are not.
      lenient = await startApi({ SSO_ALLOWED_PRIVATE_HOSTS: 'localhost' });
    });

    afterAll(async () => {
      await lenient?.close();
      if (previousAgent) https.globalAgent = previousAgent;
      hostile?.closeAllConnections();
      await new Promise((done) => hostile?.close(done));
      await inside?.close();
    });

    it('checks every endpoint the document names before requesting it: the token request is refused without connecting', async () => {
      const created = await lenient.call('POST', '/api/v1/sso/providers', { token: t.token, body: provider(issuer) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const started = await lenient.call(
        'GET',
        `/api/v1/auth/sso/${t.slug}/${created.body.id}/start?redirectUri=${encodeURIComponent(REDIRECT)}`,
      );
      expect(started.status, JSON.stringify(started.body)).toBe(302);
      const authorization = new URL(started.headers.get('location')!);
      expect(authorization.href.startsWith(`${issuer}/auth?`)).toBe(true);
      expect(discoveries).toBe(1);

      const state = authorization.searchParams.get('state')!;
      const callback = await lenient.call('GET', `/api/v1/auth/sso/callback?code=stolen&state=${encodeURIComponent(state)}`);
      expectProblem(callback, 502, 'SSO_PROVIDER_UNAVAILABLE');
      expect(inside.connections).toBe(0);
    });
  });
});
