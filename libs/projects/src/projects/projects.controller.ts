import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, pageResponse, Principal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { AllowWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { CreateProjectDto, ListProjectsQueryDto, ProjectDto, UpdateProjectDto } from './dto/project.dto';
import { ProjectsService } from './projects.service';

const ProjectPageDto = pageResponse(ProjectDto);

@ApiTags('Projects')
@TenantScoped()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequirePermissions('projects:read', { on: 'project' })
  @ApiOperation({ summary: 'List projects', description: 'Newest first by default; filter by name; cursor pagination.' })
  @ApiOkResponse({ type: ProjectPageDto })
  list(@Query() query: ListProjectsQueryDto) {
    return this.projects.list(query);
  }

  @Post()
  @Audited('project.created', { resource: 'project' })
  @AllowWhileImpersonating()
  @RequirePermissions('projects:create')
  @ApiOperation({
    summary: 'Create a project',
    description: 'Its creator is granted read and update on it, and every document permission.',
  })
  @ApiCreatedResponse({ type: ProjectDto })
  create(@Body() dto: CreateProjectDto, @CurrentPrincipal() me: Principal): Promise<ProjectDto> {
    return this.projects.create(dto, me.kind === 'tenant_user' ? me.userId : null);
  }

  @Get(':id')
  @RequirePermissions('projects:read', { on: 'project', param: 'id' })
  @ApiOperation({ summary: 'Get a project' })
  @ApiOkResponse({ type: ProjectDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<ProjectDto> {
    return this.projects.get(id);
  }

  @Patch(':id')
  @Audited('project.updated', { resource: 'project', idParam: 'id' })
  @AllowWhileImpersonating()
  @RequirePermissions('projects:update', { on: 'project', param: 'id' })
  @ApiOperation({ summary: 'Change a project' })
  @ApiOkResponse({ type: ProjectDto })
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateProjectDto): Promise<ProjectDto> {
    return this.projects.update(id, dto);
  }

  @Delete(':id')
  @Audited('project.deleted', { resource: 'project', idParam: 'id' })
  @RequirePermissions('projects:delete', { on: 'project', param: 'id' })
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a project and its documents' })
  @ApiNoContentResponse()
  async remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.projects.remove(id);
  }
}
