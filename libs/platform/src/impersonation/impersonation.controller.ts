import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, pageResponse, PlatformUserPrincipal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { PlatformRoles } from '@stratum/rbac';
import {
  ImpersonationDto,
  ListImpersonationsQueryDto,
  StartedImpersonationDto,
  StartImpersonationDto,
} from './impersonation.dto';
import { ImpersonationService } from './impersonation.service';

const ImpersonationPageDto = pageResponse(ImpersonationDto);

@ApiTags('Platform impersonation')
@Controller('platform/impersonations')
export class ImpersonationController {
  constructor(private readonly impersonations: ImpersonationService) {}

  @Post()
  @Audited('impersonation.started', { resource: 'impersonation' })
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({
    summary: 'Act as a tenant user',
    description:
      'Within the tenant\u2019s `supportAccess` policy (`always`; `consent` needs an open window granted by a tenant admin; `never` refuses with IMPERSONATION_FORBIDDEN). Returns an access token (no refresh token) for at most 60 minutes. `mode: read` (the default; the only mode for support staff) refuses every write; `mode: write` (super admins) allows only the writes marked for support (project and document edits, webhook delivery retries): users, invitations, roles, API keys, webhook endpoints, SSO and settings stay refused (IMPERSONATION_FORBIDDEN). Every request made with it is in the tenant\u2019s audit log, naming you and the mode. The tenant\u2019s admins are emailed.',
  })
  @ApiCreatedResponse({ type: StartedImpersonationDto })
  @ApiErrors('IMPERSONATION_FORBIDDEN', 'INVALID_STATE', 'NOT_FOUND', 'TENANT_NOT_FOUND', 'TENANT_SUSPENDED')
  start(
    @CurrentPrincipal('platform_user') me: PlatformUserPrincipal,
    @Body() dto: StartImpersonationDto,
  ): Promise<StartedImpersonationDto> {
    return this.impersonations.start(me, dto);
  }

  @Get()
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Impersonations, running and past', description: 'Newest first; filter by `active` and `tenantId`.' })
  @ApiOkResponse({ type: ImpersonationPageDto })
  list(@Query() query: ListImpersonationsQueryDto) {
    return this.impersonations.list(query);
  }

  @Get(':id')
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Get an impersonation' })
  @ApiOkResponse({ type: ImpersonationDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<ImpersonationDto> {
    return this.impersonations.get(id);
  }

  @Post(':id/end')
  @Audited('impersonation.ended', { resource: 'impersonation', idParam: 'id' })
  @PlatformRoles('super_admin', 'support')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End an impersonation now',
    description: 'Its access token is refused from the next request on. Support staff end only their own.',
  })
  @ApiOkResponse({ type: ImpersonationDto })
  @ApiErrors('INVALID_STATE')
  end(
    @CurrentPrincipal('platform_user') me: PlatformUserPrincipal,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<ImpersonationDto> {
    return this.impersonations.end(me, id);
  }
}
