import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../policy/policy.decorators';
import { PERMISSIONS } from './permissions';
import { SYSTEM_ROLES } from './system-roles';

class PermissionDto {
  @ApiProperty({ example: 'projects:read' })
  key: string;

  @ApiProperty({ example: 'projects' })
  resource: string;

  @ApiProperty({ example: 'read' })
  action: string;

  @ApiProperty({ example: 'List and view projects' })
  description: string;

  @ApiProperty({ example: ['tenant_admin', 'project_manager'], description: 'System roles that grant it' })
  systemRoles: string[];
}

class PermissionListDto {
  @ApiProperty({ type: PermissionDto, isArray: true })
  items: PermissionDto[];
}

@ApiTags('Permissions')
@Controller('permissions')
export class PermissionsController {
  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'The permission catalogue',
    description: 'Every permission a role can grant, with the system roles that hold it.',
  })
  @ApiOkResponse({ type: PermissionListDto })
  list(): PermissionListDto {
    return {
      items: Object.entries(PERMISSIONS).map(([key, description]) => {
        const [resource, action] = key.split(':');
        return {
          key,
          resource,
          action,
          description,
          systemRoles: Object.entries(SYSTEM_ROLES)
            .filter(([, perms]) => (perms as readonly string[]).includes(key))
            .map(([role]) => role),
        };
      }),
    };
  }
}
