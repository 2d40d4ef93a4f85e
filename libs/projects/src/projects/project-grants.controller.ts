import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Audited, TenantUserPrincipal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { ChangesAuthority, GRANTABLE, GrantsService, RequirePermissions, ResourceGrant } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsUUID } from 'class-validator';
import { ProjectsService } from './projects.service';

export class GrantDto {
  @ApiProperty({ format: 'uuid', description: 'The user who receives the permissions' })
  @IsUUID()
  userId: string;

  @ApiProperty({ isArray: true, enum: GRANTABLE.project, example: ['projects:read', 'documents:read'] })
  @IsIn(GRANTABLE.project, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(GRANTABLE.project.length)
  permissions: string[];
}

export class ProjectGrantDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ isArray: true, enum: GRANTABLE.project })
  permissions: string[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  grantedBy: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

class ProjectGrantListDto {
  @ApiProperty({ type: ProjectGrantDto, isArray: true })
  items: ProjectGrantDto[];
}

const toDto = (g: ResourceGrant): ProjectGrantDto => ({
  userId: g.userId,
  permissions: g.permissions,
  grantedBy: g.grantedBy,
  createdAt: g.createdAt,
  updatedAt: g.updatedAt,
});

/** Who may do what on one project beyond their roles; documents inherit the project's grants. */
@ApiTags('Projects')
@TenantScoped()
@Controller('projects/:id/grants')
export class ProjectGrantsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly grants: GrantsService,
  ) {}

  @Get()
  @RequirePermissions('projects:read', { on: 'project', param: 'id' })
  @ApiOperation({ summary: 'List the grants on a project' })
  @ApiOkResponse({ type: ProjectGrantListDto })
  async list(@Param('id', uuidParam('id')) id: string): Promise<ProjectGrantListDto> {
    await this.projects.load(id);
    return { items: (await this.grants.list('project', id)).map(toDto) };
  }

  @Post()
  @Audited('grant.set', { resource: 'project', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('projects:update', { on: 'project', param: 'id' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Grant a user permissions on this project',
    description: 'Replaces the user\u2019s grant on it. You can only hand out permissions you hold on the project.',
  })
  @ApiOkResponse({ type: ProjectGrantDto })
  async grant(
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: GrantDto,
    @CurrentPrincipal('tenant_user') me: TenantUserPrincipal,
  ): Promise<ProjectGrantDto> {
    await this.projects.load(id);
    return toDto(await this.grants.grant('project', id, dto.userId, dto.permissions, me.userId));
  }

  @Delete(':userId')
  @Audited('grant.revoked', { resource: 'project', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('projects:update', { on: 'project', param: 'id' })
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a user\u2019s grant on this project' })
  @ApiNoContentResponse()
  async revoke(@Param('id', uuidParam('id')) id: string, @Param('userId', uuidParam('userId')) userId: string): Promise<void> {
    await this.grants.revoke('project', id, userId);
  }
}
