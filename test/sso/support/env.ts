import { freePort } from '@stratum/devenv';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { call, type TestApi } from '../../support/api';
import { testConfig } from '../../support/config';
import { expect } from 'vitest';
import { Browser, formOf, type Page } from './browser';
import { TestDns } from './dns';
import { TestIdentityProvider } from './identity-provider';

export interface SsoEnv {
  api: TestApi;
  idp: TestIdentityProvider;
  /** The DNS server the API asks (DNS_SERVERS), for domain verification. */
  dns: TestDns;
  callbackUrl: string;
  close(): Promise<void>;
}

/**
 * The real API on a port chosen first, because PUBLIC_API_URL (where providers send users back)
 * must name it: `settings` gets that URL (to start a provider that knows it) and answers the
 * configuration.
 */
export async function listenApi(settings: (url: string) => Promise<Record<string, string>>): Promise<TestApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_API_URL: url, ...(await settings(url)) });
  const app = await createApiApp(config);
  await app.listen(port, '127.0.0.1');
  return {
    url,
    app,
    config,
    call: (method, path, options = {}) => call(url, method, path, options),
    close: () => app.close(),
  };
}

/** The real API and a real OpenID Connect provider that knows it. */
export async function startSsoEnv(overrides: Record<string, string> = {}): Promise<SsoEnv> {
  const dns = await TestDns.start();
  let idp!: TestIdentityProvider;
  let callbackUrl = '';
  const api = await listenApi(async (url) => {
    callbackUrl = `${url}/api/v1/auth/sso/callback`;
    idp = await TestIdentityProvider.start(callbackUrl);
    return {
      DNS_SERVERS: dns.address,
      SSO_ENTRA_AUTHORITY: idp.entraAuthority,
      SSO_GOOGLE_ISSUER: idp.googleIssuer,
      // The test provider is on this machine (https://localhost:<port>): a private host the operator allows.
      SSO_ALLOWED_PRIVATE_HOSTS: 'localhost',
      ...overrides,
    };
  });
  return {
    api,
    idp,
    dns,
    callbackUrl,
    close: async () => {
      await api.close();
      await idp.close();
      await dns.close();
    },
  };
}

/**
 * Proves `domain` for the tenant of `token` the way a customer does: claims it, publishes the
 * challenge as a TXT record on the test DNS server, and asks the API to verify it. Answers the claim.
 */
export async function verifyDomain(
  env: Pick<SsoEnv, 'api' | 'dns'>,
  token: string,
  domain: string,
): Promise<{ id: string; domain: string }> {
  const claimed = await env.api.call('POST', '/api/v1/sso/domains', { token, body: { domain } });
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
  env.dns.setTxt(claimed.body.verification.name, [claimed.body.verification.value]);
  const verified = await env.api.call('POST', `/api/v1/sso/domains/${claimed.body.id}/verify`, { token });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  expect(verified.body.status).toBe('verified');
  return verified.body;
}

export interface SignInOptions {
  tenant: string;
  providerId: string;
  /** The provider account that signs in (its `sub`). */
  account: string;
  redirectUri: string;
  clientState?: string;
  /** Changes the authorization URL before the browser follows it (an attacker in the middle). */
  tamper?: (authorizationUrl: URL) => void;
}

export interface SignIn {
  /** The API's start answer. */
  start: Page;
  authorizationUrl: URL;
  /** How the browser reached the callback, to send it again. */
  callbackRequest: { method: 'GET' | 'POST'; url: string; fields?: Record<string, string> };
  /** The API's callback answer. */
  callback: Page;
  /** The one-time code, when the callback sent the browser to the client. */
  code: string | null;
  browser: Browser;
}

/** A browser signing in, hop by hop: start → provider login → callback → the client's redirect URI. */
export async function signIn(env: SsoEnv, o: SignInOptions): Promise<SignIn> {
  const browser = new Browser();
  const query = new URLSearchParams({ redirectUri: o.redirectUri, ...(o.clientState ? { state: o.clientState } : {}) });
  const start = await browser.get(`${env.api.url}/api/v1/auth/sso/${o.tenant}/${o.providerId}/start?${query}`);
  if (start.status !== 302 || !start.location) throw new Error(`start answered ${start.status}: ${start.body}`);
  const authorizationUrl = new URL(start.location);
  o.tamper?.(authorizationUrl);
  const loginPage = await browser.follow(await browser.get(authorizationUrl.href), () => false);
  if (loginPage.status !== 200) throw new Error(`the provider answered ${loginPage.status}: ${loginPage.body.slice(0, 300)}`);
  const { action } = formOf(loginPage);
  const afterLogin = await browser.follow(await browser.post(new URL(action, loginPage.url).href, { login: o.account }), (url) =>
    url.startsWith(env.callbackUrl),
  );
  let callbackRequest: SignIn['callbackRequest'];
  if (afterLogin.location?.startsWith(env.callbackUrl)) {
    callbackRequest = { method: 'GET', url: afterLogin.location };
  } else {
    // response_mode=form_post: a page whose form posts the answer to the callback.
    const form = formOf(afterLogin);
    if (!form.action.startsWith(env.callbackUrl)) throw new Error(`the provider's form posts to ${form.action}`);
    callbackRequest = { method: 'POST', url: form.action, fields: form.fields };
  }
  const callback = await replay(browser, callbackRequest);
  const code = callback.status === 303 && callback.location ? new URL(callback.location).searchParams.get('code') : null;
  return { start, authorizationUrl, callbackRequest, callback, code, browser };
}

/** Sends the provider's answer to the callback (again). */
export function replay(browser: Browser, request: SignIn['callbackRequest']): Promise<Page> {
  return request.method === 'GET' ? browser.get(request.url) : browser.post(request.url, request.fields ?? {});
}

/** The problem+json body of a page. */
export function problemOf(page: Page): { status: number; code: string; reason?: string; detail?: string } {
  return JSON.parse(page.body);
}
