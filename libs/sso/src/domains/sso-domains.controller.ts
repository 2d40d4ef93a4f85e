import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, Principal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { NotWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RequireFeature } from '@stratum/entitlements';
import { CreateSsoDomainDto, SsoDomainDto, SsoDomainListDto } from './dto/sso-domain.dto';
import { SsoDomains } from './sso-domains.service';

@ApiTags('Single sign-on')
@TenantScoped()
@RequireFeature('sso')
@Controller('sso/domains')
export class SsoDomainsController {
  constructor(private readonly domains: SsoDomains) {}

  @Post()
  @NotWhileImpersonating()
  @Audited('sso_domain.claimed', { resource: 'sso_domain' })
  @RequirePermissions('sso:manage')
  @ApiOperation({
    summary: 'Claim an email domain for single sign-on',
    description:
      'The claim is `pending`: publish `verification.value` as a TXT record at `verification.name`, then call `POST /sso/domains/:id/verify` within 7 days. Pending claims block nobody; a domain another tenant has verified is DOMAIN_TAKEN; public mail domains are refused.',
  })
  @ApiCreatedResponse({ type: SsoDomainDto })
  @ApiErrors('CONFLICT', 'DOMAIN_TAKEN')
  create(@Body() dto: CreateSsoDomainDto, @CurrentPrincipal() me: Principal): Promise<SsoDomainDto> {
    return this.domains.claim(dto.domain, me.kind === 'tenant_user' ? me.userId : null);
  }

  @Get()
  @RequirePermissions('sso:read')
  @ApiOperation({ summary: 'List the tenant\u2019s domain claims (verified, and pending ones not yet lapsed)' })
  @ApiOkResponse({ type: SsoDomainListDto })
  async list(): Promise<SsoDomainListDto> {
    return { items: await this.domains.list() };
  }

  @Get(':id')
  @RequirePermissions('sso:read')
  @ApiOperation({ summary: 'Get a domain claim, with its DNS challenge' })
  @ApiOkResponse({ type: SsoDomainDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<SsoDomainDto> {
    return this.domains.get(id);
  }

  @Post(':id/verify')
  @NotWhileImpersonating()
  @Audited('sso_domain.verified', { resource: 'sso_domain', idParam: 'id' })
  @RequirePermissions('sso:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Prove a domain through its DNS TXT record',
    description:
      'Looks up the TXT records at `verification.name` (through DNS_SERVERS). When one holds `verification.value` the claim becomes `verified` and other tenants\u2019 pending claims on the domain are dropped; otherwise DOMAIN_NOT_VERIFIED with `found` (the TXT strings seen) and `dnsError` (e.g. NXDOMAIN, TIMEOUT).',
  })
  @ApiOkResponse({ type: SsoDomainDto })
  @ApiErrors('DOMAIN_NOT_VERIFIED', 'DOMAIN_TAKEN')
  verify(@Param('id', uuidParam('id')) id: string): Promise<SsoDomainDto> {
    return this.domains.verify(id);
  }

  @Delete(':id')
  @NotWhileImpersonating()
  @Audited('sso_domain.deleted', { resource: 'sso_domain', idParam: 'id' })
  @RequirePermissions('sso:manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Give up a domain claim',
    description:
      'The domain no longer routes discovery, links or provisions users, or counts for `ssoEnforced`; users already linked keep signing in through their provider.',
  })
  @ApiNoContentResponse()
  async remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.domains.remove(id);
  }
}
