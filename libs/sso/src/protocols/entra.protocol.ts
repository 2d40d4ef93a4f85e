import { Injectable, Logger } from '@nestjs/common';
import { DomainError, UrlRefused } from '@stratum/common';
import { SsoSettings } from '@stratum/config';
import type { Request } from 'express';
import * as oidc from 'openid-client';
import { IOIDCStrategyOptionWithoutRequest, OIDCStrategy } from 'passport-azure-ad';
import { createHash } from 'node:crypto';
import type { SsoProvider } from '../providers/sso-provider.entity';
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
import { IdpHttp } from './idp-http';
import { callbackUrl } from './urls';

/** How long a provider whose sign-in could not start (metadata unreadable) is refused without asking again. */
const FAILED_START_TTL_MS = 30_000;
const MAX_REMEMBERED_FAILURES = 10_000;

const DIRECTORY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the verify callback makes of a validated ID token. */
interface StrategyUser {
  iss: string;
  sub: string;
  claims: Record<string, unknown>;
}

/** What the strategy hands to passport: a redirect, a user, or a failure. */
type Outcome = { kind: 'redirect'; url: string } | { kind: 'success'; user: StrategyUser } | { kind: 'fail'; message: string };

/** The request as the strategy reads it: parameters, and the session it keeps its state in. */
interface StrategyRequest {
  query: Record<string, string>;
  body: Record<string, string>;
  session: Record<string, { content?: Record<string, unknown>[] }>;
}

/**
 * Microsoft Entra ID through passport-azure-ad's OIDCStrategy (one instance per configured
 * provider, cached): the library builds the authorization request (state, nonce), redeems the
 * code and validates the ID token (signature from the directory's keys, issuer, audience, expiry,
 * nonce). The strategy is driven with Passport's strategy protocol (success, fail, error, redirect
 * on an instance derived from it, as passport.authenticate does), so its state record can be kept
 * in Redis instead of a browser session. PKCE (S256) rides on the library's extra-parameter hooks.
 *
 * Multi-tenant app registrations: the metadata URL is the `common` endpoint and every call names
 * the provider's directory (`tenantIdOrName`), so the library loads that directory's metadata and
 * accepts its issuer only; a directory id is also checked against the token's `tid`.
 */
@Injectable()
export class EntraProtocol implements SsoProtocol {
  private readonly logger = new Logger(EntraProtocol.name);
  private readonly strategies = new Map<string, { version: string; strategy: OIDCStrategy }>();
  /** Providers whose last start failed, until when the next start is refused without asking again. */
  private readonly failedStarts = new Map<string, { updatedAt: number; until: number }>();

  constructor(
    private readonly config: SsoSettings,
    private readonly http: IdpHttp,
  ) {}

  /** The directory's metadata document, which the library reads (and from it the keys and token endpoint). */
  static metadataUrl(config: SsoSettings, azureTenantId: string | null): string {
    return `${config.SSO_ENTRA_AUTHORITY}/${encodeURIComponent(azureTenantId ?? 'common')}/v2.0/.well-known/openid-configuration`;
  }

  async begin(provider: SsoProvider, clientSecret: string, options: { loginHint?: string }): Promise<AuthorizationRequest> {
    const unavailable = () =>
      new DomainError('SSO_PROVIDER_UNAVAILABLE', 'The identity provider\u2019s configuration could not be read');
    const failed = this.failedStarts.get(provider.id);
    if (failed && failed.updatedAt === provider.updatedAt.getTime() && failed.until > Date.now()) throw unavailable();
    await this.checkAuthority(provider, () => {
      throw unavailable();
    });
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const req: StrategyRequest = { query: {}, body: {}, session: {} };
    const outcome = await this.run(provider, clientSecret, req, {
      tenantIdOrName: provider.azureTenantId,
      ...(options.loginHint ? { login_hint: options.loginHint } : {}),
      extraAuthReqQueryParams: {
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      },
    });
    const record = req.session[this.sessionKey(provider)]?.content?.at(-1);
    if (outcome.kind !== 'redirect' || !record || typeof record.state !== 'string' || typeof record.nonce !== 'string') {
      this.logger.warn(
        `Entra provider ${provider.id} could not start: ${outcome.kind === 'fail' ? outcome.message : outcome.kind}`,
      );
      if (this.failedStarts.size >= MAX_REMEMBERED_FAILURES) this.failedStarts.clear();
      this.failedStarts.set(provider.id, { updatedAt: provider.updatedAt.getTime(), until: Date.now() + FAILED_START_TTL_MS });
      throw unavailable();
    }
    this.failedStarts.delete(provider.id);
    return { url: outcome.url, state: record.state, nonce: record.nonce, codeVerifier, libraryState: record };
  }

  async complete(
    provider: SsoProvider,
    clientSecret: string,
    pending: PendingAuthorization,
    response: AuthorizationResponse,
  ): Promise<ProviderIdentity> {
    if (!pending.libraryState) throw new SsoRefusal('unknown_state', 'This sign-in attempt was not started for this provider');
    await this.checkAuthority(provider, () => {
      throw new DomainError('SSO_PROVIDER_UNAVAILABLE', 'The identity provider could not be reached');
    });
    const req: StrategyRequest = {
      query: response.method === 'GET' ? response.params : {},
      body: response.method === 'POST' ? response.params : {},
      session: { [this.sessionKey(provider)]: { content: [pending.libraryState] } },
    };
    const outcome = await this.run(provider, clientSecret, req, {
      tenantIdOrName: provider.azureTenantId,
      extraTokenReqQueryParams: { code_verifier: pending.codeVerifier },
    });
    if (outcome.kind !== 'success') {
      throw new SsoRefusal(
        'invalid_response',
        'The identity provider\u2019s answer did not verify',
        outcome.kind === 'fail' ? outcome.message : outcome.kind,
      );
    }
    const claims = outcome.user.claims;
    const directory = provider.azureTenantId ?? '';
    if (DIRECTORY_ID.test(directory) && String(claims.tid ?? '').toLowerCase() !== directory.toLowerCase()) {
      throw new SsoRefusal('invalid_response', 'The token comes from another directory', `tid ${String(claims.tid)}`);
    }
    const email = stringClaim(claims.email)?.toLowerCase() ?? null;
    return {
      issuer: outcome.user.iss,
      subject: outcome.user.sub,
      email,
      // Entra vouches for an email through the optional claim xms_edov (email domain owner verified).
      emailVerified: !!email && (trueClaim(claims.xms_edov) || trueClaim(claims.email_verified)),
      name: stringClaim(claims.name),
    };
  }

  /**
   * passport-azure-ad makes its own requests, outside the guarded client: its metadata host is
   * checked through the same guard before each use (refused without connecting; the library then
   * resolves the name again itself, and the key and token endpoints its metadata names are not checked).
   */
  private async checkAuthority(provider: SsoProvider, refuse: () => never): Promise<void> {
    try {
      await this.http.check(EntraProtocol.metadataUrl(this.config, provider.azureTenantId));
    } catch (err) {
      if (!(err instanceof UrlRefused)) throw err;
      this.logger.warn(`Entra provider ${provider.id} refused: ${err.reason}`);
      refuse();
    }
  }

  private sessionKey(provider: SsoProvider): string {
    return `stratum-sso:${provider.id}`;
  }

  /** The provider's strategy, built once per configuration (a change of the provider builds a new one). */
  private strategy(provider: SsoProvider, clientSecret: string): OIDCStrategy {
    const version = createHash('sha256')
      .update(`${provider.clientId}\n${clientSecret}\n${provider.azureTenantId}\n${provider.updatedAt.getTime()}`)
      .digest('hex');
    const cached = this.strategies.get(provider.id);
    if (cached?.version === version) return cached.strategy;
    // sessionKey is a documented option the type definitions lack: the key of the strategy's state record.
    const options: IOIDCStrategyOptionWithoutRequest & { sessionKey: string } = {
      identityMetadata: `${this.config.SSO_ENTRA_AUTHORITY}/common/v2.0/.well-known/openid-configuration`,
      clientID: provider.clientId ?? '',
      clientSecret,
      responseType: 'code',
      responseMode: 'form_post',
      redirectUrl: callbackUrl(this.config),
      allowHttpForRedirectUrl: !this.config.isProduction,
      validateIssuer: true,
      passReqToCallback: false,
      scope: ['profile', 'email'],
      loggingLevel: 'error',
      loggingNoPII: true,
      sessionKey: this.sessionKey(provider),
      nonceLifetime: this.config.SSO_FLOW_TTL_SECONDS,
    };
    const strategy = new OIDCStrategy(
      options,
      (
        iss: string,
        sub: string,
        _profile: unknown,
        jwtClaims: Record<string, unknown>,
        _accessToken: string,
        _refreshToken: string,
        _params: unknown,
        done: (err: Error | null, user?: unknown) => void,
      ) => done(null, { iss, sub, claims: jwtClaims } satisfies StrategyUser),
    );
    this.strategies.set(provider.id, { version, strategy });
    return strategy;
  }

  /** One authenticate() call, as passport.authenticate makes it; bounded by SSO_HTTP_TIMEOUT_MS. */
  private run(provider: SsoProvider, clientSecret: string, req: StrategyRequest, options: object): Promise<Outcome> {
    const strategy = this.strategy(provider, clientSecret);
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(
        () => resolve({ kind: 'fail', message: 'the identity provider did not answer in time' }),
        this.config.SSO_HTTP_TIMEOUT_MS,
      );
      const settle = (outcome: Outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const call = Object.assign(Object.create(strategy) as OIDCStrategy, {
        success: (user: StrategyUser) => settle({ kind: 'success', user }),
        fail: (challenge: unknown) => settle({ kind: 'fail', message: String(challenge ?? 'authentication failed') }),
        error: (err: Error) => settle({ kind: 'fail', message: err?.message ?? String(err) }),
        redirect: (url: string) => settle({ kind: 'redirect', url }),
        pass: () => settle({ kind: 'fail', message: 'the strategy passed' }),
      });
      try {
        call.authenticate(req as unknown as Request, options);
      } catch (err) {
        settle({ kind: 'fail', message: (err as Error).message });
      }
    });
  }
}
