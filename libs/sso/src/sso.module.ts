import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VerifiedSsoDomains } from '@stratum/identity';
import { DnsTxt } from './domains/dns-txt';
import { SsoDomainsController } from './domains/sso-domains.controller';
import { SsoDomains } from './domains/sso-domains.service';
import { FormPostMiddleware, SamlFormPostMiddleware } from './login/form-post.middleware';
import { SsoAccounts } from './login/sso-accounts.service';
import { SsoFlows } from './login/sso-flows';
import { SsoIdentity } from './login/sso-identity.entity';
import { SsoLoginController } from './login/sso-login.controller';
import { SsoLoginService } from './login/sso-login.service';
import { EntraProtocol } from './protocols/entra.protocol';
import { IdpHttp } from './protocols/idp-http';
import { OidcProtocol } from './protocols/oidc.protocol';
import { SamlAssertions } from './protocols/saml/saml-assertions';
import { SamlProtocol } from './protocols/saml/saml.protocol';
import { ProviderSecrets } from './providers/provider-secrets';
import { SsoProvider } from './providers/sso-provider.entity';
import { SsoProvidersController } from './providers/sso-providers.controller';
import { SsoProvidersService } from './providers/sso-providers.service';

/**
 * Enterprise single sign-on per tenant: identity provider configuration (plan feature `sso`),
 * sign-in through Microsoft Entra ID (passport-azure-ad), Google Workspace, any OpenID Connect
 * provider (openid-client) and any SAML 2.0 identity provider (@node-saml/node-saml), one-time
 * codes exchanged for our tokens, email domains proven through DNS, and home-realm discovery.
 * Global for VerifiedSsoDomains, through which the identity library (below this one) learns
 * which addresses `ssoEnforced` covers.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SsoProvider, SsoIdentity])],
  controllers: [SsoProvidersController, SsoDomainsController, SsoLoginController],
  providers: [
    ProviderSecrets,
    DnsTxt,
    SsoDomains,
    { provide: VerifiedSsoDomains, useExisting: SsoDomains },
    SsoProvidersService,
    SsoFlows,
    SsoAccounts,
    IdpHttp,
    EntraProtocol,
    OidcProtocol,
    SamlAssertions,
    SamlProtocol,
    SsoLoginService,
  ],
  exports: [VerifiedSsoDomains],
})
export class SsoModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FormPostMiddleware).forRoutes({ path: 'auth/sso/callback', method: RequestMethod.POST });
    consumer.apply(SamlFormPostMiddleware).forRoutes({ path: 'auth/sso/saml/acs', method: RequestMethod.POST });
  }
}
