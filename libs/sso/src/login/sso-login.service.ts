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
import { SamlAssertions } from '../protocols/saml/saml-assertions';
import { peekResponse } from '../protocols/saml/saml-xml';
import { SamlProtocol } from '../protocols/saml/saml.protocol';
import { AuthorizationResponse, ProviderIdentity, SsoProtocol, SsoRefusal } from '../protocols/sso-protocol';
import { parseSamlEntityId, startUrl } from '../protocols/urls';
import { ProviderSecrets } from '../providers/provider-secrets';
import { SsoProvider } from '../providers/sso-provider.entity';
import { SsoAccounts } from './sso-accounts.service';
import { PendingSignIn, SsoFlows } from './sso-flows';

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
 * record of the attempt; `callback` (SAML: `samlAcs`) has the provider library verify the answer,
 * decides who signs in (or refuses) and hands the client a one-time code; `exchange` turns the
 * code into our tokens through the same sign-in as a password login (session, login history,
 * audit).
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
    private readonly saml: SamlProtocol,
    private readonly samlAssertions: SamlAssertions,
    private readonly config: SsoSettings,
    private readonly cls: ClsService,
    private readonly notes: AuditNotes,
  ) {}

  /** The provider's authorization URL for a new sign-in that will end at `redirectUri`. */
  async start(input: StartSignIn): Promise<string> {
    const tenant = await this.openTenant(input.tenant);
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
    const { tenant, provider } = await this.pendingProvider(pending);
    return this.finish(tenant, provider, pending, async () => {
      if (response.params.error) {
        throw new SsoRefusal(
          'provider_error',
          `The identity provider refused the sign-in (${response.params.error.slice(0, 64)})`,
          response.params.error_description,
        );
      }
      if (provider.type === 'saml') throw new SsoRefusal('unknown_state', 'This sign-in was started with a SAML provider');
      return this.protocol(provider).complete(provider, this.secret(tenant, provider), pending, response);
    });
  }

  /**
   * A SAML response posted to the Assertion Consumer Service. The RelayState names the sign-in this
   * server started; without one, the response is unsolicited (IdP-initiated) and is routed by its
   * audience, our entity id, to its provider, which must allow that. Then as the OIDC callback.
   */
  async samlAcs(response: AuthorizationResponse): Promise<string> {
    const relayState = response.params.RelayState;
    const pending = relayState ? await this.flows.take(relayState) : null;
    if (pending) {
      const { tenant, provider } = await this.pendingProvider(pending);
      return this.finish(tenant, provider, pending, async () => {
        if (provider.type !== 'saml')
          throw new SsoRefusal('unknown_request', 'This sign-in was not started with a SAML provider');
        return this.saml.complete(provider, '', pending, response);
      });
    }
    const unknown = () =>
      new DomainError('SSO_FAILED', 'This SAML response answers no sign-in started here; start again', {
        reason: 'unknown_request',
      });
    // Read unverified, only to find the provider whose certificates will verify it (or to name a refusal).
    const hints = await peekResponse(response.params.SAMLResponse ?? '');
    const target = hints.audience ? parseSamlEntityId(this.config, hints.audience) : null;
    if (!target) throw unknown();
    const tenant = await this.bind(target.tenantId, 'unknown_request');
    const provider = await this.provider(target.providerId, false);
    if (provider?.type !== 'saml') throw unknown();
    if (!provider.enabled) {
      throw new DomainError('SSO_FAILED', 'This identity provider is not enabled', { reason: 'provider_disabled' });
    }
    if (hints.inResponseTo) {
      // An answer to a request whose sign-in is over (or was never ours): a replay when its assertion was used.
      const replayed = hints.assertionId !== null && (await this.samlAssertions.used(provider.id, hints.assertionId));
      return this.refuse(
        provider,
        null,
        replayed
          ? new SsoRefusal('replayed', 'This SAML assertion was used already; sign in again')
          : new SsoRefusal('unknown_request', 'This SAML response answers no sign-in started here; start again'),
        'event',
      );
    }
    if (!provider.saml!.allowIdpInitiated) {
      return this.refuse(
        provider,
        null,
        new SsoRefusal(
          'idp_initiated_disabled',
          'Sign-ins started at the identity provider are not accepted here; start from the application',
        ),
        'event',
      );
    }
    // IdP-initiated: the RelayState may name one of the provider's redirect URIs; else its first.
    const redirectUri = relayState && provider.redirectUris.includes(relayState) ? relayState : provider.redirectUris[0];
    return this.finish(tenant, provider, { redirectUri, clientState: null }, () =>
      this.saml.complete(provider, '', null, response),
    );
  }

  /** A SAML provider's service provider metadata (entity id, ACS, signing requirements). */
  async samlMetadata(tenantRef: string, providerId: string): Promise<string> {
    await this.openTenant(tenantRef);
    const provider = await this.provider(providerId, false);
    if (provider?.type !== 'saml') throw DomainError.notFound('SAML identity provider');
    return this.saml.metadata(provider);
  }

  /** The tenant and provider of a pending sign-in, which must still be enabled for its client. */
  private async pendingProvider(pending: PendingSignIn): Promise<{ tenant: Tenant; provider: SsoProvider }> {
    const tenant = await this.bind(pending.tenantId);
    const provider = await this.provider(pending.providerId, true);
    // The provider may have been disabled, or the client's URL struck off, since the sign-in started.
    if (!provider?.enabled || !provider.redirectUris.includes(pending.redirectUri)) {
      throw new DomainError('SSO_FAILED', 'This identity provider is no longer enabled for this client', {
        reason: 'provider_disabled',
      });
    }
    return { tenant, provider };
  }

  /**
   * The tail of every sign-in at a provider: verify its answer, decide who signs in (or refuse,
   * recorded), and send the browser to the client with a one-time code (and the client's state).
   */
  private async finish(
    tenant: Tenant,
    provider: SsoProvider,
    client: { redirectUri: string; clientState: string | null },
    verify: () => Promise<ProviderIdentity>,
  ): Promise<string> {
    let identity: ProviderIdentity | null = null;
    try {
      identity = await verify();
      await this.accounts.match(await this.db.manager(), tenant, provider, identity);
    } catch (err) {
      if (err instanceof SsoRefusal) return this.refuse(provider, identity, err, 'event');
      throw err;
    }
    const code = await this.flows.issueCode({ tenantId: tenant.id, providerId: provider.id, identity });
    const target = new URL(client.redirectUri);
    target.searchParams.set('code', code);
    if (client.clientState !== null) target.searchParams.set('state', client.clientState);
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
      metadata: {
        linked: match === 'link',
        provisioned: match === 'provision',
        ...(identity.groups ? { groups: identity.groups } : {}),
      },
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

  /** A tenant named in a URL, bound to the unit of work: it must exist, be active and have SSO. */
  private async openTenant(ref: string): Promise<Tenant> {
    const tenant = await this.registry.find(ref);
    if (!tenant || !isLiveTenant(tenant)) throw new DomainError('TENANT_NOT_FOUND');
    if (tenant.status !== 'active') throw new DomainError('TENANT_SUSPENDED', `Tenant "${tenant.slug}" is ${tenant.status}`);
    this.context.set(tenant);
    this.plans.requireFeature('sso', tenant);
    return tenant;
  }

  /** Binds the unit of work to the sign-in's tenant, which must still be active and have SSO. */
  private async bind(tenantId: string, reason: 'unknown_state' | 'unknown_request' = 'unknown_state'): Promise<Tenant> {
    const tenant = await this.registry.find(tenantId);
    if (!tenant || tenant.status !== 'active') {
      throw new DomainError('SSO_FAILED', 'The tenant of this sign-in is not available', { reason });
    }
    this.context.set(tenant);
    this.plans.requireFeature('sso', tenant);
    return tenant;
  }

  private async provider(id: string, withSecret: boolean): Promise<SsoProvider | null> {
    const qb = (await this.db.manager()).getRepository(SsoProvider).createQueryBuilder('p').where('p.id = :id', { id });
    return (withSecret ? qb.addSelect('p.clientSecret') : qb).getOne();
  }

  /** The client secret (OpenID Connect); SAML providers have none. */
  private secret(tenant: Tenant, provider: SsoProvider): string {
    return provider.clientSecret ? this.secrets.open(tenant.id, provider.id, provider.clientSecret) : '';
  }

  private protocol(provider: SsoProvider): SsoProtocol {
    if (provider.type === 'saml') return this.saml;
    return provider.type === 'entra' ? this.entra : this.oidc;
  }
}
