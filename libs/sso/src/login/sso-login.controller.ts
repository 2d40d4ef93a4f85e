import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Redirect, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSeeOtherResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, Audited, uuidParam } from '@stratum/common';
import { EmailDto, TokenPairDto } from '@stratum/identity';
import { Public } from '@stratum/rbac';
import { RateLimit } from '@stratum/admission';
import type { Request } from 'express';
import { SamlAcsFormDto, SsoCallbackFormDto, SsoDiscoveryDto, SsoExchangeDto, StartSsoQueryDto } from './dto/sso-login.dto';
import { SsoLoginService } from './sso-login.service';

/** The provider's answer: parameters of the query (GET) or of the form (POST, `form_post`), as strings. */
function answer(req: Request): Record<string, string> {
  const source = req.method === 'POST' ? req.body : req.query;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}

@ApiTags('Single sign-on')
@Controller('auth/sso')
export class SsoLoginController {
  constructor(private readonly sso: SsoLoginService) {}

  @Get(':tenantSlug/:providerId/start')
  @Public()
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Start signing in with an identity provider',
    description:
      'Redirects the browser to the provider (OpenID Connect: authorization code flow with state, nonce and PKCE, kept server-side; SAML: an AuthnRequest with the HTTP-Redirect binding, its id kept server-side). The provider sends it back to the callback (SAML: the ACS), which ends at `redirectUri` with a one-time `code`.',
  })
  @ApiFoundResponse({ description: 'To the identity provider' })
  @ApiErrors('FEATURE_NOT_IN_PLAN', 'SSO_PROVIDER_UNAVAILABLE', 'TENANT_NOT_FOUND', 'TENANT_SUSPENDED')
  async start(
    @Param('tenantSlug') tenant: string,
    @Param('providerId', uuidParam('providerId')) providerId: string,
    @Query() query: StartSsoQueryDto,
  ): Promise<{ url: string; statusCode: number }> {
    const url = await this.sso.start({ tenant, providerId, ...query });
    return { url, statusCode: 302 };
  }

  @Get('callback')
  @Public()
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Where identity providers send the browser back (query response mode)',
    description:
      'Verifies the answer and redirects to the client\u2019s `redirectUri` with `code` (and its `state`); no token ever appears in a URL. A refused sign-in answers SSO_FAILED with a `reason`.',
  })
  @ApiSeeOtherResponse({ description: 'To the client, with `?code=`' })
  @ApiErrors('SSO_FAILED', 'SSO_PROVIDER_UNAVAILABLE')
  async callback(@Req() req: Request): Promise<{ url: string; statusCode: number }> {
    return { url: await this.sso.callback({ method: 'GET', params: answer(req) }), statusCode: 303 };
  }

  @Post('callback')
  @Public()
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Where identity providers post the browser back (form_post response mode, Entra ID)',
    description: 'As the GET callback; the body is `application/x-www-form-urlencoded`.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: SsoCallbackFormDto, description: 'The provider\u2019s authorization response, posted by the browser' })
  @ApiSeeOtherResponse({ description: 'To the client, with `?code=`' })
  @ApiErrors('SSO_FAILED', 'SSO_PROVIDER_UNAVAILABLE')
  async callbackPost(@Req() req: Request): Promise<{ url: string; statusCode: number }> {
    return { url: await this.sso.callback({ method: 'POST', params: answer(req) }), statusCode: 303 };
  }

  @Get(':tenantSlug/:providerId/saml/metadata')
  @Public()
  @Header('Content-Type', 'application/samlmetadata+xml')
  @ApiOperation({
    summary: 'SAML service provider metadata of an identity provider',
    description:
      'What the identity provider needs to know of this service: its entity id (this URL), the Assertion Consumer Service (HTTP-POST binding) and whether assertions must be signed. `tenantSlug` may also be the tenant’s id.',
  })
  @ApiProduces('application/samlmetadata+xml')
  @ApiOkResponse({ description: 'An `EntityDescriptor` with an `SPSSODescriptor`', schema: { type: 'string' } })
  @ApiErrors('FEATURE_NOT_IN_PLAN', 'TENANT_NOT_FOUND', 'TENANT_SUSPENDED')
  samlMetadata(
    @Param('tenantSlug') tenant: string,
    @Param('providerId', uuidParam('providerId')) providerId: string,
  ): Promise<string> {
    return this.sso.samlMetadata(tenant, providerId);
  }

  @Post('saml/acs')
  @Public()
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'SAML Assertion Consumer Service (HTTP-POST binding)',
    description:
      'Where SAML identity providers post the browser back. Verifies the response (signature with the provider’s certificates, issuer, audience, destination, validity, the request it answers, assertion replay) and redirects to the client’s `redirectUri` with `code` (and its `state`), as the OpenID Connect callback. Unsolicited (IdP-initiated) responses are refused unless the provider allows them. A refused sign-in answers SSO_FAILED with a `reason`.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: SamlAcsFormDto, description: 'The SAML response, posted by the browser' })
  @ApiSeeOtherResponse({ description: 'To the client, with `?code=`' })
  @ApiErrors('FEATURE_NOT_IN_PLAN', 'SSO_FAILED')
  async samlAcs(@Req() req: Request): Promise<{ url: string; statusCode: number }> {
    return { url: await this.sso.samlAcs({ method: 'POST', params: answer(req) }), statusCode: 303 };
  }

  @Post('exchange')
  @Audited('auth.sso.login', { resource: 'session' })
  @Public()
  @RateLimit('sso-exchange')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Exchange the one-time code for tokens',
    description:
      'Answers the same tokens as a password login. The code works once, within 60 seconds; otherwise INVALID_TOKEN. Just-in-time provisioning and account linking happen here.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors('CONFLICT', 'INVALID_TOKEN', 'SSO_FAILED')
  exchange(@Body() dto: SsoExchangeDto): Promise<TokenPairDto> {
    return this.sso.exchange(dto.code);
  }

  @Post('discover')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Which tenant and identity provider sign in this email address',
    description:
      'Home-realm discovery from the email\u2019s domain. The answer has the same shape whether or not the domain is claimed; without SSO every field but `sso: false` is null.',
  })
  @ApiOkResponse({ type: SsoDiscoveryDto })
  discover(@Body() dto: EmailDto): Promise<SsoDiscoveryDto> {
    return this.sso.discover(dto.email);
  }
}
