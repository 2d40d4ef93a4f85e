import { Injectable, Logger } from '@nestjs/common';
import { AuditNotes, CTX_REQUEST, DomainError, RequestMeta } from '@stratum/common';
import { SsoSettings } from '@stratum/config';
import { IssuedTokens, LoginHistory, LoginService, TenantRealm } from '@stratum/identity';
import { isLiveTenant, Tenant, TenantContext, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { ClsService } from 'nestjs-cls';
import { emailDomain } from '../domains/domain-name';
import { SsoDomains } from '../domains/sso-domains.service';
import { EntraProtocol } from '../protocols/entra.protocol';
import { OidcProtocol } from '../protocols/oidc.protocol';
import { AuthorizationResponse, ProviderIdentity, SsoProtocol, SsoRefusal } from '../protocols/sso-protocol';
import { startUrl } from '../protocols/urls';
import { ProviderSecrets } from '../providers/provider-secrets';
import { SsoProvider } from '../providers/sso-provider.entity';
import { SsoAccounts } from './sso-accounts.service';
import { SsoFlows } from './sso-flows';

export interface StartSignIn {
  tenant: string;
  providerId: string;
  redirectUri: string;
  state?: string;
  loginHint?: string;
}

export interface Discovery {
  sso: boolean;
  tenant: string | null;
  providerId: string | null;
  providerName: string | null;
  startUrl: string | null;
}

const NO_SSO: Discovery = { sso: false, tenant: null, providerId: null, providerName: null, startUrl: null };

/**
 * Single sign-on, end to end. `start` sends the browser to the provider with a server-side
 * record of the attempt; `callback` has the provider library verify the answer, decides who signs
 * in (or refuses) and hands the client a one-time code; `exchange` turns the code into our tokens
 * through the same sign-in as a password login (session, login history, audit).
 */
@Injectable()
export class SsoLoginService {
  private readonly logger = new Logger(SsoLoginService.name);

  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly db: TenantDatabase,
    private readonly plans: PlanEnforcer,
    private readonly realm: TenantRealm,
    private readonly login: LoginService,
    private readonly history: LoginHistory,
    private readonly secrets: ProviderSecrets,
    private readonly flows: SsoFlows,
    private readonly accounts: SsoAccounts,
    private readonly domains: SsoDomains,
    private readonly entra: EntraProtocol,
    private readonly oidc: OidcProtocol,
    private readonly config: SsoSettings,
    private readonly cls: ClsService,
    private readonly notes: AuditNotes,
  ) {}

  /** The provider's authorization URL for a new sign-in that will end at `redirectUri`. */
  async start(input: StartSignIn): Promise<string> {
    const tenant = await this.registry.find(input.tenant);
    if (!tenant || !isLiveTenant(tenant)) throw new DomainError('TENANT_NOT_FOUND');
    if (tenant.status !== 'active') throw new DomainError('TENANT_SUSPENDED', `Tenant "${tenant.slug}" is ${tenant.status}`);
    this.context.set(tenant);
    this.plans.requireFeature('sso', tenant);
    const provider = await this.provider(input.providerId, true);
    if (!provider?.enabled) throw DomainError.notFound('Identity provider');
    if (!provider.redirectUris.includes(input.redirectUri)) {
      throw new DomainError('VALIDATION_FAILED', 'redirectUri is not one of the provider\u2019s redirect URIs', {}, [
        { field: 'redirectUri', message: 'redirectUri must equal one of the provider\u2019s redirectUris' },
      ]);
    }
    const request = await this.protocol(provider).begin(provider, this.secret(tenant, provider), { loginHint: input.loginHint });
    await this.flows.remember({
      state: request.state,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      libraryState: request.libraryState,
      tenantId: tenant.id,
      providerId: provider.id,
      redirectUri: input.redirectUri,
      clientState: input.state ?? null,
    });
    return request.url;
  }

  /** Verifies the provider's answer and answers where to send the browser: the client, with a one-time code. */
  async callback(response: AuthorizationResponse): Promise<string> {
    const state = response.params.state;
    const pending = state ? await this.flows.take(state) : null;
    if (!pending) {
      throw new DomainError('SSO_FAILED', 'This sign-in is unknown, expired or already completed; start again', {
        reason: 'unknown_state',
      });
    }
    const tenant = await this.bind(pending.tenantId);
    const provider = await this.provider(pending.providerId, true);
    // The provider may have been disabled, or the client's URL struck off, since the sign-in started.
    if (!provider?.enabled || !provider.redirectUris.includes(pending.redirectUri)) {
      throw new DomainError('SSO_FAILED', 'This identity provider is no longer enabled for this client', {
        reason: 'provider_disabled',
      });
    }
    let identity: ProviderIdentity | null = null;
    try {
      if (response.params.error) {
        throw new SsoRefusal(
          'provider_error',
          `The identity provider refused the sign-in (${response.params.error.slice(0, 64)})`,
          response.params.error_description,
        );
      }
      identity = await this.protocol(provider).complete(provider, this.secret(tenant, provider), pending, response);
      await this.accounts.match(await this.db.manager(), tenant, provider, identity);
    } catch (err) {
      if (err instanceof SsoRefusal) return this.refuse(provider, identity, err, 'event');
      throw err;
    }
    const code = await this.flows.issueCode({ tenantId: tenant.id, providerId: provider.id, identity });
    const target = new URL(pending.redirectUri);
    target.searchParams.set('code', code);
    if (pending.clientState !== null) target.searchParams.set('state', pending.clientState);
    return target.href;
  }

  /** Our tokens for a one-time code, once: the sign-in the callback verified, carried out. */
  async exchange(code: string): Promise<IssuedTokens> {
    const signIn = await this.flows.redeem(code);
    if (!signIn) throw new DomainError('INVALID_TOKEN', 'The sign-in code is unknown, expired or already used');
    const tenant = await this.bind(signIn.tenantId);
    const provider = await this.provider(signIn.providerId, false);
    const identity = signIn.identity;
    this.notes.describe({ metadata: { providerId: signIn.providerId, providerType: provider?.type } });
    if (!provider?.enabled) {
      throw new DomainError('SSO_FAILED', 'This identity provider is no longer enabled', { reason: 'provider_disabled' });
    }
    const em = await this.db.manager();
    let signedIn;
    try {
      signedIn = await this.accounts.apply(em, tenant, provider, identity);
    } catch (err) {
      // The route's own audit event (auth.sso.login) records this refusal.
      if (err instanceof SsoRefusal) return this.refuse(provider, identity, err, 'details');
      throw err;
    }
    const { user, match } = signedIn;
    this.notes.describe({
      subject: { id: user.id, email: user.email, type: 'user' },
      metadata: { linked: match === 'link', provisioned: match === 'provision' },
    });
    return this.login.signIn(this.realm, em, user, `sso:${provider.type}`);
  }

  /**
   * Which tenant and provider sign in an email address: the tenant that verified its domain, and
   * that tenant's first enabled provider listing the domain. Unverified domains, suspended tenants
   * and tenants without such a provider all answer the same "no SSO".
   */
  async discover(email: string): Promise<Discovery> {
    const domain = emailDomain(email);
    const owner = domain ? await this.domains.owner(domain) : null;
    if (!owner) return NO_SSO;
    const tenant = await this.registry.find(owner);
    if (!tenant || tenant.status !== 'active' || !this.plans.hasFeature('sso', tenant)) return NO_SSO;
    const provider = await this.db.run(tenant, (em) =>
      em
        .getRepository(SsoProvider)
        .createQueryBuilder('p')
        .where('p.enabled AND :domain = ANY(p.allowedDomains)', { domain })
        .orderBy('p.createdAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .getOne(),
    );
    if (!provider) return NO_SSO;
    return {
      sso: true,
      tenant: tenant.slug,
      providerId: provider.id,
      providerName: provider.name,
      startUrl: startUrl(this.config, tenant.slug, provider.id),
    };
  }

  /**
   * Records a refused sign-in (login history; audit: an `auth.sso.login` event of its own, or the
   * details of the route's event) and answers SSO_FAILED with its reason.
   */
  private async refuse(
    provider: SsoProvider,
    identity: ProviderIdentity | null,
    refusal: SsoRefusal,
    audit: 'event' | 'details',
  ): Promise<never> {
    if (refusal.internal) {
      this.logger.warn(`SSO sign-in refused (${refusal.reason}) by provider ${provider.id}: ${refusal.internal}`);
    }
    const em = await this.db.manager();
    const email = identity?.email ?? null;
    const user: { id: string } | undefined = email
      ? (await em.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]))[0]
      : undefined;
    if (identity) {
      const meta = this.cls.isActive() ? this.cls.get<RequestMeta | undefined>(CTX_REQUEST) : undefined;
      await this.history.record(
        this.realm,
        em,
        { userId: user?.id ?? null, email: email ?? '', outcome: 'failure', method: `sso:${provider.type}` },
        { ip: meta?.ip, userAgent: meta?.userAgent },
      );
    }
    this.notes.describe({
      ...(audit === 'event' ? { action: 'auth.sso.login', outcome: 'failure' as const, severity: 'warning' as const } : {}),
      ...(identity ? { subject: { id: user?.id ?? null, email, type: 'user' as const } } : {}),
      metadata: { providerId: provider.id, providerType: provider.type, reason: refusal.reason },
    });
    // The record of the attempt stays, though the request fails.
    await this.db.commit();
    throw new DomainError('SSO_FAILED', refusal.message, { reason: refusal.reason });
  }

  /** Binds the unit of work to the sign-in's tenant, which must still be active and have SSO. */
  private async bind(tenantId: string): Promise<Tenant> {
    const tenant = await this.registry.find(tenantId);
    if (!tenant || tenant.status !== 'active') {
      throw new DomainError('SSO_FAILED', 'The tenant of this sign-in is not available', { reason: 'unknown_state' });
    }
    this.context.set(tenant);
    this.plans.requireFeature('sso', tenant);
    return tenant;
  }

  private async provider(id: string, withSecret: boolean): Promise<SsoProvider | null> {
    const qb = (await this.db.manager()).getRepository(SsoProvider).createQueryBuilder('p').where('p.id = :id', { id });
    return (withSecret ? qb.addSelect('p.clientSecret') : qb).getOne();
  }

  private secret(tenant: Tenant, provider: SsoProvider): string {
    return this.secrets.open(tenant.id, provider.id, provider.clientSecret);
  }

  private protocol(provider: SsoProvider): SsoProtocol {
    return provider.type === 'entra' ? this.entra : this.oidc;
  }
}
