import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainError, uuidParam } from '@stratum/common';
import { PlatformRoles } from '@stratum/rbac';
import { isLiveTenant, Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { AuditQueryService } from './audit-query.service';
import { AuditListQueryDto, AuditPageDto, VerifyResultDto } from './dto/audit.dto';

/** A tenant's own audit trail, read by platform staff (super admins and support) through the platform API. */
@ApiTags('Platform audit')
@ApiErrors('TENANT_NOT_FOUND')
@Controller('platform/tenants/:tenantId/audit-events')
export class TenantAuditForStaffController {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly db: TenantDatabase,
    private readonly query: AuditQueryService,
  ) {}

  @Get()
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({
    summary: 'Search a tenant\u2019s audit trail',
    description: 'The same filters and pagination as the tenant\u2019s own search.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Param('tenantId', uuidParam('tenantId')) tenantId: string, @Query() q: AuditListQueryDto): Promise<AuditPageDto> {
    return this.db.run(await this.tenant(tenantId), (em) => this.query.list(em, 'tenant', q, q.limit ?? 50, q.cursor));
  }

  @Get('verify')
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Verify a tenant\u2019s hash chain' })
  @ApiOkResponse({ type: VerifyResultDto })
  async verify(@Param('tenantId', uuidParam('tenantId')) tenantId: string): Promise<VerifyResultDto> {
    return this.db.run(await this.tenant(tenantId), (em) => this.query.verify(em, 'tenant'));
  }

  private async tenant(id: string): Promise<Tenant> {
    const tenant = await this.registry.find(id);
    if (!tenant || !isLiveTenant(tenant)) throw new DomainError('TENANT_NOT_FOUND');
    return tenant;
  }
}
