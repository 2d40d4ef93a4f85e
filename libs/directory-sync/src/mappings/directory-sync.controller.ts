import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, TenantUserPrincipal } from '@stratum/common';
import { RequireFeature } from '@stratum/entitlements';
import { CurrentPrincipal } from '@stratum/identity';
import { ChangesAuthority, NotWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { DirectoryEventDto, DirectoryEventsQueryDto, GroupRoleDto } from './dto/mapping.dto';
import { GroupRolesService } from './group-roles.service';

@ApiTags('Directory sync')
@TenantScoped()
@RequireFeature('scim')
@NotWhileImpersonating()
@Controller('directory-sync')
export class DirectorySyncController {
  constructor(private readonly mappings: GroupRolesService) {}

  @Get('group-roles')
  @RequirePermissions('directory:manage')
  @ApiOperation({ summary: 'Which directory groups grant which roles' })
  @ApiOkResponse({ type: [GroupRoleDto] })
  list(): Promise<GroupRoleDto[]> {
    return this.mappings.list();
  }

  @Put('group-roles')
  @Audited('directory.group_roles.updated')
  @ChangesAuthority()
  @RequirePermissions('directory:manage')
  @ApiOperation({
    summary: 'Replace the group-to-role mappings',
    description:
      'Only roles you dominate. Members of mapped groups get their roles at once and lose them when they leave; roles granted by hand are untouched.',
  })
  @ApiBody({ type: [GroupRoleDto] })
  @ApiOkResponse({ type: [GroupRoleDto] })
  @ApiErrors('LAST_ADMIN')
  replace(@Body() body: unknown, @CurrentPrincipal('tenant_user') me: TenantUserPrincipal): Promise<GroupRoleDto[]> {
    return this.mappings.replace(me, body);
  }

  @Get('events')
  @RequirePermissions('directory:manage')
  @ApiOperation({ summary: 'What the directory changed, newest first', description: 'Refusals too (outcome failure).' })
  @ApiOkResponse({ type: [DirectoryEventDto] })
  events(@Query() query: DirectoryEventsQueryDto): Promise<DirectoryEventDto[]> {
    return this.mappings.listEvents(query);
  }
}
