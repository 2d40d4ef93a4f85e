import { Injectable, Logger } from '@nestjs/common';
import { DomainError, UrlRefused } from '@stratum/common';
import { SsoSettings } from '@stratum/config';
import * as oidc from 'openid-client';
import { createHash } from 'node:crypto';
import type { SsoProvider } from '../providers/sso-provider.entity';
import { IdpHttp, outboundCause } from './idp-http';
import {
  AuthorizationRequest,
  AuthorizationResponse,
  PendingAuthorization,
  ProviderIdentity,
  SsoProtocol,
  SsoRefusal,
  stringClaim,
  trueClaim,
} from './sso-protocol';
import { callbackUrl } from './urls';

/** How long a provider's discovery document is trusted before it is read again. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
/** How long a failed discovery (refused URL, unreachable or wrong provider) is answered from memory. */
const DISCOVERY_FAILURE_TTL_MS = 30_000;

interface CachedConfiguration {
  version: string;
  expires: number;
  configuration: Promise<oidc.Configuration>;
}

/**
 * Google Workspace and any OpenID Connect provider, through openid-client: discovery, the
 * authorization code flow with state, nonce and PKCE (S256), ID token validation by the library,
 * userinfo when the ID token carries no email. Google sign-ins must come from a Workspace
 * domain of the provider (`hd` claim).
 */
@Injectable()
export class OidcProtocol implements SsoProtocol {
  private readonly logger = new Logger(OidcProtocol.name);
  private readonly configurations = new Map<string, CachedConfiguration>();

  constructor(
    private readonly config: SsoSettings,
    private readonly http: IdpHttp,
  ) {}

  async begin(provider: SsoProvider, clientSecret: string, options: { loginHint?: string }): Promise<AuthorizationRequest> {
    const configuration = await this.configuration(provider, clientSecret);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const params: Record<string, string> = {
      redirect_uri: callbackUrl(this.config),
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    };
    if (options.loginHint) params.login_hint = options.loginHint;
    // Google shows accounts of that Workspace domain only (the `hd` claim is still checked).
    if (provider.type === 'google' && provider.allowedDomains.length === 1) params.hd = provider.allowedDomains[0];
    return { url: oidc.buildAuthorizationUrl(configuration, params).href, state, nonce, codeVerifier };
  }

  async complete(
    provider: SsoProvider,
    clientSecret: string,
    pending: PendingAuthorization,
    response: AuthorizationResponse,
  ): Promise<ProviderIdentity> {
    const configuration = await this.configuration(provider, clientSecret);
    const callback = callbackUrl(this.config);
    const current =
      response.method === 'POST'
        ? new Request(callback, {
            method: 'POST',
            body: new URLSearchParams(response.params),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        : new URL(`${callback}?${new URLSearchParams(response.params).toString()}`);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      if (!stringClaim(claims.email) && tokens.access_token && configuration.serverMetadata().userinfo_endpoint) {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims };
      }
    } catch (err) {
      throw this.failure(provider, err);
    }
    const identity: ProviderIdentity = {
      issuer: String(claims.iss),
      subject: String(claims.sub),
      email: stringClaim(claims.email)?.toLowerCase() ?? null,
      emailVerified: trueClaim(claims.email_verified),
      name:
        stringClaim(claims.name) ??
        ([stringClaim(claims.given_name), stringClaim(claims.family_name)].filter(Boolean).join(' ') || null),
    };
    if (provider.type === 'google') {
      const hd = stringClaim(claims.hd)?.toLowerCase();
      if (!hd || !provider.allowedDomains.includes(hd)) {
        throw new SsoRefusal(
          'hosted_domain_not_allowed',
          hd ? `Google Workspace domain ${hd} may not sign in to this tenant` : 'Only Google Workspace accounts may sign in here',
        );
      }
    }
    return identity;
  }

  /**
   * The provider's configuration from its discovery document, cached per process; a failure is
   * cached too, briefly, so sign-ins started again meanwhile do not make the server ask again.
   */
  private configuration(provider: SsoProvider, clientSecret: string): Promise<oidc.Configuration> {
    const issuer = provider.type === 'google' ? this.config.SSO_GOOGLE_ISSUER : provider.issuer;
    if (!issuer) throw new DomainError('INVALID_STATE', 'The identity provider has no issuer');
    const version = createHash('sha256').update(`${issuer}\n${provider.clientId}\n${clientSecret}`).digest('hex');
    const cached = this.configurations.get(provider.id);
    if (cached && cached.version === version && cached.expires > Date.now()) return cached.configuration;
    const configuration = this.discover(issuer, provider.clientId ?? '', clientSecret);
    this.configurations.set(provider.id, { version, expires: Date.now() + DISCOVERY_TTL_MS, configuration });
    configuration.catch(() => {
      const entry = this.configurations.get(provider.id);
      if (entry?.configuration === configuration) entry.expires = Math.min(entry.expires, Date.now() + DISCOVERY_FAILURE_TTL_MS);
    });
    return configuration;
  }

  private async discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    const timeout = Math.ceil(this.config.SSO_HTTP_TIMEOUT_MS / 1000);
    const fetch = this.http.fetch as oidc.CustomFetch;
    let discovered: oidc.Configuration;
    try {
      // Refused before any connection when the issuer is not a public (or allowed private) host.
      await this.http.check(issuer);
      discovered = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.None(), {
        [oidc.customFetch]: fetch,
        timeout,
      });
    } catch (err) {
      const cause = outboundCause(err);
      // Credentials a forced issuer might carry stay out of the log.
      const shown = issuer.replace(/\/\/[^/@]*@/, '//');
      this.logger.warn(
        `discovery of ${shown} failed: ${cause instanceof UrlRefused ? `refused: ${cause.reason}` : (err as Error).message}`,
      );
      throw new DomainError('SSO_PROVIDER_UNAVAILABLE', 'The identity provider\u2019s configuration could not be read');
    }
    const metadata = discovered.serverMetadata();
    // client_secret_basic is the default; client_secret_post when that is all the provider takes.
    const methods = metadata.token_endpoint_auth_methods_supported;
    const auth =
      methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
        ? oidc.ClientSecretPost(clientSecret)
        : oidc.ClientSecretBasic(clientSecret);
    const configuration = new oidc.Configuration(metadata, clientId, undefined, auth);
    configuration[oidc.customFetch] = fetch;
    configuration.timeout = timeout;
    return configuration;
  }

  private failure(provider: SsoProvider, err: unknown): Error {
    const cause = outboundCause(err);
    if (cause || (err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError') {
      const why = cause instanceof UrlRefused ? `refused: ${cause.reason}` : (err as Error).message;
      this.logger.warn(`identity provider ${provider.id} unreachable: ${why}`);
      return new DomainError('SSO_PROVIDER_UNAVAILABLE', 'The identity provider could not be reached');
    }
    return new SsoRefusal('invalid_response', 'The identity provider\u2019s answer did not verify', (err as Error)?.message);
  }
}
