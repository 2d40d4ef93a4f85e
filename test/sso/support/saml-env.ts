import type { TestApi } from '../../support/api';
import { Browser, formOf, type Page } from './browser';
import { TestDns } from './dns';
import { listenApi } from './env';
import { TestSamlIdentityProvider, type PostedResponse } from './saml-identity-provider';

export interface SamlEnv {
  api: TestApi;
  idp: TestSamlIdentityProvider;
  dns: TestDns;
  acsUrl: string;
  close(): Promise<void>;
}

/** The real API and a real SAML identity provider (samlify over HTTPS) that reads the API's SP metadata. */
export async function startSamlEnv(overrides: Record<string, string> = {}): Promise<SamlEnv> {
  const idp = await TestSamlIdentityProvider.start();
  const dns = await TestDns.start();
  const api = await listenApi(async () => ({
    DNS_SERVERS: dns.address,
    // The test provider is on this machine (https://localhost:<port>): a private host the operator allows.
    SSO_ALLOWED_PRIVATE_HOSTS: 'localhost',
    ...overrides,
  }));
  return {
    api,
    idp,
    dns,
    acsUrl: `${api.url}/api/v1/auth/sso/saml/acs`,
    close: async () => {
      await api.close();
      await idp.close();
      await dns.close();
    },
  };
}

export interface SamlSignIn {
  start: Page;
  /** The AuthnRequest URL at the IdP. */
  requestUrl: URL;
  /** What the IdP's page posts to the ACS, to post again or change. */
  posted: { acs: string; fields: Record<string, string> };
  /** The ACS's answer. */
  acs: Page;
  code: string | null;
  browser: Browser;
}

/** A browser signing in, hop by hop: start → the IdP's login → its form post to the ACS → the client's redirect URI. */
export async function samlSignIn(
  env: SamlEnv,
  o: { tenant: string; providerId: string; account: string; redirectUri: string; clientState?: string },
): Promise<SamlSignIn> {
  const browser = new Browser();
  const query = new URLSearchParams({ redirectUri: o.redirectUri, ...(o.clientState ? { state: o.clientState } : {}) });
  const start = await browser.get(`${env.api.url}/api/v1/auth/sso/${o.tenant}/${o.providerId}/start?${query}`);
  if (start.status !== 302 || !start.location) throw new Error(`start answered ${start.status}: ${start.body}`);
  const requestUrl = new URL(start.location);
  const loginPage = await browser.get(requestUrl.href);
  if (loginPage.status !== 200) throw new Error(`the IdP answered ${loginPage.status}: ${loginPage.body.slice(0, 300)}`);
  const { action } = formOf(loginPage);
  const answer = await browser.post(new URL(action, loginPage.url).href, { login: o.account });
  if (answer.status !== 200) throw new Error(`the IdP answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  const form = formOf(answer);
  const posted = { acs: form.action, fields: form.fields };
  const acs = await browser.post(posted.acs, posted.fields);
  return { start, requestUrl, posted, acs, code: codeOf(acs), browser };
}

/** Posts a response to the ACS as a browser would (again, changed, or unsolicited). */
export async function postToAcs(posted: Pick<PostedResponse, 'acs' | 'fields'>): Promise<{ acs: Page; code: string | null }> {
  const acs = await new Browser().post(posted.acs, posted.fields);
  return { acs, code: codeOf(acs) };
}

function codeOf(page: Page): string | null {
  return page.status === 303 && page.location ? new URL(page.location).searchParams.get('code') : null;
}
