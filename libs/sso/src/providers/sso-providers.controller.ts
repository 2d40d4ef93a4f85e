import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, Principal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { NotWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RequireFeature } from '@stratum/entitlements';
import { CreateSsoProviderDto, SsoProviderDto, SsoProviderListDto, UpdateSsoProviderDto } from './dto/sso-provider.dto';
import { SsoProvidersService } from './sso-providers.service';

@ApiTags('Single sign-on')
@TenantScoped()
@RequireFeature('sso')
@Controller('sso/providers')
export class SsoProvidersController {
  constructor(private readonly providers: SsoProvidersService) {}

  @Post()
  @NotWhileImpersonating()
  @Audited('sso_provider.created', { resource: 'sso_provider' })
  @RequirePermissions('sso:manage')
  @ApiOperation({
    summary: 'Configure an identity provider',
    description:
      'The client secret is stored encrypted and never returned. `allowedDomains` restricts who may sign in through it; it claims no domain (see `POST /sso/domains`). The URLs the server will request (the `oidc` issuer, the `saml` idpMetadataUrl) must be HTTPS on public addresses (URL_REFUSED). A `saml` provider is described by its metadata (`idpMetadataXml` or `idpMetadataUrl`, read now: SSO_PROVIDER_UNAVAILABLE when it cannot be) or by `idpEntityId`, `idpSsoUrl` and `idpCertificates`; the answer\u2019s `saml` object names the SP metadata URL and ACS URL to give the identity provider.',
  })
  @ApiCreatedResponse({ type: SsoProviderDto })
  @ApiErrors('SSO_PROVIDER_UNAVAILABLE', 'URL_REFUSED')
  create(@Body() dto: CreateSsoProviderDto, @CurrentPrincipal() me: Principal): Promise<SsoProviderDto> {
    return this.providers.create(dto, me.kind === 'tenant_user' ? me.userId : null);
  }

  @Get()
  @RequirePermissions('sso:read')
  @ApiOperation({ summary: 'List identity providers (never their secrets)' })
  @ApiOkResponse({ type: SsoProviderListDto })
  async list(): Promise<SsoProviderListDto> {
    return { items: await this.providers.list() };
  }

  @Get(':id')
  @RequirePermissions('sso:read')
  @ApiOperation({ summary: 'Get an identity provider (never its secret)' })
  @ApiOkResponse({ type: SsoProviderDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<SsoProviderDto> {
    return this.providers.get(id);
  }

  @Patch(':id')
  @NotWhileImpersonating()
  @Audited('sso_provider.updated', { resource: 'sso_provider', idParam: 'id' })
  @RequirePermissions('sso:manage')
  @ApiOperation({
    summary: 'Change an identity provider',
    description:
      'Send `clientSecret` to replace the secret. A changed `issuer` is checked as at creation (URL_REFUSED). For `saml`, a named `idpMetadataUrl` is read again (after a certificate rollover, say); `attributeMapping` is replaced as a whole.',
  })
  @ApiOkResponse({ type: SsoProviderDto })
  @ApiErrors('SSO_PROVIDER_UNAVAILABLE', 'URL_REFUSED')
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateSsoProviderDto): Promise<SsoProviderDto> {
    return this.providers.update(id, dto);
  }

  @Delete(':id')
  @NotWhileImpersonating()
  @Audited('sso_provider.deleted', { resource: 'sso_provider', idParam: 'id' })
  @RequirePermissions('sso:manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an identity provider',
    description: 'Its links to users go with it; the users and the tenant\u2019s domain claims stay.',
  })
  @ApiNoContentResponse()
  async remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.providers.remove(id);
  }
}
