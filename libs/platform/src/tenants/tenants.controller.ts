import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, pageResponse, uuidParam } from '@stratum/common';
import { PlatformRoles } from '@stratum/rbac';
import { CreateTenantDto, ListTenantsQueryDto, MoveTenantDto, TenantDto, TenantMoveDto, UpdateTenantDto } from './dto/tenant.dto';
import { DashboardDto, DeleteTenantQueryDto, TenantStatsDto } from './dto/tenant-stats.dto';
import { TenantsService } from './tenants.service';

const TenantPageDto = pageResponse(TenantDto);

@ApiTags('Platform tenants')
@Controller('platform/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @Audited('tenant.provisioned', { resource: 'tenant' })
  @PlatformRoles('super_admin')
  @ApiOperation({
    summary: 'Provision a tenant',
    description:
      'Creates the tenant\u2019s schema, database role, tables and first admin in one transaction: on any failure nothing is left behind. A taken slug answers 409.',
  })
  @ApiCreatedResponse({ type: TenantDto })
  @ApiErrors('TENANT_SLUG_TAKEN')
  create(@Body() dto: CreateTenantDto): Promise<TenantDto> {
    return this.tenants.create(dto);
  }

  @Get()
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'List tenants', description: 'Filter by status, plan and text; cursor pagination.' })
  @ApiOkResponse({ type: TenantPageDto })
  list(@Query() query: ListTenantsQueryDto) {
    return this.tenants.list(query);
  }

  @Get(':id')
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Get a tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors('TENANT_NOT_FOUND')
  get(@Param('id', uuidParam('id')) id: string): Promise<TenantDto> {
    return this.tenants.get(id);
  }

  @Patch(':id')
  @Audited('tenant.updated', { resource: 'tenant', idParam: 'id' })
  @PlatformRoles('super_admin')
  @ApiOperation({ summary: 'Change a tenant\u2019s name, plan, settings or limit overrides' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors('INVALID_STATE', 'TENANT_NOT_FOUND')
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateTenantDto): Promise<TenantDto> {
    return this.tenants.update(id, dto);
  }

  @Post(':id/suspend')
  @Audited('tenant.suspended', { resource: 'tenant', idParam: 'id' })
  @PlatformRoles('super_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a tenant', description: 'Its users are refused with TENANT_SUSPENDED at once.' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors('INVALID_STATE', 'TENANT_NOT_FOUND')
  suspend(@Param('id', uuidParam('id')) id: string): Promise<TenantDto> {
    return this.tenants.suspend(id);
  }

  @Post(':id/reactivate')
  @Audited('tenant.reactivated', { resource: 'tenant', idParam: 'id' })
  @PlatformRoles('super_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a suspended tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors('INVALID_STATE', 'TENANT_NOT_FOUND')
  reactivate(@Param('id', uuidParam('id')) id: string): Promise<TenantDto> {
    return this.tenants.reactivate(id);
  }

  @Post(':id/move')
  @Audited('tenant.moved', { resource: 'tenant', idParam: 'id' })
  @PlatformRoles('super_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a tenant to another database cluster',
    description:
      'Suspends the tenant, copies its schema (every table\u2019s rows, sequences, the audit chain) to the cluster, checks row counts table by table, switches it there, drops the old schema and role, and reactivates it if it was active. The answer and the audit event give the downtime. A tenant with pending migrations must be migrated first (409).',
  })
  @ApiOkResponse({ type: TenantMoveDto })
  @ApiErrors('INVALID_STATE', 'TENANT_NOT_FOUND')
  move(@Param('id', uuidParam('id')) id: string, @Body() dto: MoveTenantDto): Promise<TenantMoveDto> {
    return this.tenants.move(id, dto.cluster);
  }

  @Get(':id/stats')
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({
    summary: 'Tenant statistics',
    description:
      'Users, active users (30 days), projects, documents, API calls today, storage, webhook endpoints, last activity.',
  })
  @ApiOkResponse({ type: TenantStatsDto })
  @ApiErrors('TENANT_NOT_FOUND')
  stats(@Param('id', uuidParam('id')) id: string): Promise<TenantStatsDto> {
    return this.tenants.stats(id);
  }

  @Delete(':id')
  @Audited('tenant.deleted', { resource: 'tenant', idParam: 'id' })
  @PlatformRoles('super_admin')
  @ApiOperation({
    summary: 'Delete a tenant',
    description:
      'Suspends it at once; the worker drops its schema and role after TENANT_PURGE_GRACE_DAYS (see `purgeAfter`). With `purge=true&confirm=<slug>` the schema and role are dropped now (audited as `tenant.purged`); this cannot be undone.',
  })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors('INVALID_STATE', 'TENANT_NOT_FOUND')
  remove(@Param('id', uuidParam('id')) id: string, @Query() query: DeleteTenantQueryDto): Promise<TenantDto> {
    return this.tenants.remove(id, query);
  }
}

@ApiTags('Platform tenants')
@Controller('platform/dashboard')
export class DashboardController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Platform dashboard', description: 'Tenants by status and plan, signups per week, active users.' })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(): Promise<DashboardDto> {
    return this.tenants.dashboard();
  }
}
