import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, CTX_PRINCIPAL, DomainError, Principal, uuidParam } from '@stratum/common';
import { TenantScoped } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { ChangesAuthority, RequirePermissions } from '../policy/policy.decorators';
import {
  AssignmentDto,
  AssignmentListDto,
  AssignRoleDto,
  CreateRoleDto,
  RoleDto,
  RoleListDto,
  UpdateRoleDto,
} from './dto/role.dto';
import { Assignment, RoleAssignments } from './role-assignments.service';
import { RolesService, RoleView } from './roles.service';

const toDto = (v: RoleView): RoleDto => ({
  id: v.role.id,
  key: v.role.key,
  name: v.role.name,
  description: v.role.description,
  permissions: v.permissions,
  isSystem: v.role.isSystem,
  userCount: v.userCount,
  createdAt: v.role.createdAt,
  updatedAt: v.role.updatedAt,
});

const toAssignment = (a: Assignment): AssignmentDto => ({
  roleId: a.role.id,
  roleKey: a.role.key,
  roleName: a.role.name,
  expiresAt: a.expiresAt,
  grantedBy: a.grantedBy,
  createdAt: a.createdAt,
});

/** The acting tenant user (role changes are made by people, not API keys). */
function actor(cls: ClsService): string {
  const p = cls.get<Principal | undefined>(CTX_PRINCIPAL);
  if (p?.kind !== 'tenant_user') throw new DomainError('FORBIDDEN', 'Roles are managed by tenant users');
  return p.userId;
}

@ApiTags('Roles')
@TenantScoped()
@Controller('roles')
export class RolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly cls: ClsService,
  ) {}

  @Get()
  @RequirePermissions('roles:read')
  @ApiOperation({
    summary: 'List roles',
    description: 'The five system roles and the tenant\u2019s custom roles, with their permissions.',
  })
  @ApiOkResponse({ type: RoleListDto })
  async list(): Promise<RoleListDto> {
    return { items: (await this.roles.list()).map(toDto) };
  }

  @Post()
  @Audited('role.created', { resource: 'role' })
  @ChangesAuthority()
  @RequirePermissions('roles:manage')
  @ApiOperation({
    summary: 'Create a custom role',
    description: 'Plan feature `custom_roles`; only permissions you hold yourself.',
  })
  @ApiCreatedResponse({ type: RoleDto })
  @ApiErrors('CONFLICT', 'FEATURE_NOT_IN_PLAN')
  async create(@Body() dto: CreateRoleDto): Promise<RoleDto> {
    actor(this.cls);
    return toDto(await this.roles.create(dto));
  }

  @Get(':id')
  @RequirePermissions('roles:read')
  @ApiOperation({ summary: 'Get a role' })
  @ApiOkResponse({ type: RoleDto })
  async get(@Param('id', uuidParam('id')) id: string): Promise<RoleDto> {
    return toDto(await this.roles.get(id));
  }

  @Patch(':id')
  @Audited('role.updated', { resource: 'role', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('roles:manage')
  @ApiOperation({
    summary: 'Change a custom role',
    description: 'System roles cannot be changed. Takes effect on the next request of its holders.',
  })
  @ApiOkResponse({ type: RoleDto })
  @ApiErrors('FEATURE_NOT_IN_PLAN', 'INVALID_STATE')
  async update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateRoleDto): Promise<RoleDto> {
    actor(this.cls);
    return toDto(await this.roles.update(id, dto));
  }

  @Delete(':id')
  @Audited('role.deleted', { resource: 'role', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('roles:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a custom role', description: 'Its assignments go with it. System roles cannot be deleted.' })
  @ApiNoContentResponse()
  @ApiErrors('INVALID_STATE')
  async remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    actor(this.cls);
    await this.roles.remove(id);
  }
}

@ApiTags('Roles')
@TenantScoped()
@Controller('users/:id/roles')
export class UserRolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly assignments: RoleAssignments,
    private readonly cls: ClsService,
  ) {}

  @Get()
  @RequirePermissions('roles:read')
  @ApiOperation({ summary: 'A user\u2019s current role assignments' })
  @ApiOkResponse({ type: AssignmentListDto })
  async list(@Param('id', uuidParam('id')) id: string): Promise<AssignmentListDto> {
    return { items: (await this.assignments.listFor(id)).map(toAssignment) };
  }

  @Post()
  @Audited('role.assigned', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('roles:manage')
  @ApiOperation({
    summary: 'Assign a role to a user',
    description:
      'Optionally until `expiresAt`; assigning again changes the expiry. Only roles within your own permissions, to users whose permissions you hold; your own roles can only be shortened.',
  })
  @ApiCreatedResponse({ type: AssignmentDto })
  @ApiErrors('INVALID_STATE', 'LAST_ADMIN')
  async assign(@Param('id', uuidParam('id')) id: string, @Body() dto: AssignRoleDto): Promise<AssignmentDto> {
    return toAssignment(await this.assignments.assign(id, dto.role, dto.expiresAt ?? null, actor(this.cls)));
  }

  @Delete(':role')
  @Audited('role.unassigned', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('roles:manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Take a role from a user',
    description: 'Refused with LAST_ADMIN for the tenant\u2019s last permanent tenant_admin.',
  })
  @ApiNoContentResponse()
  @ApiErrors('LAST_ADMIN')
  async unassign(@Param('id', uuidParam('id')) id: string, @Param('role') role: string): Promise<void> {
    actor(this.cls);
    await this.assignments.unassign(id, role);
  }
}
