import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, pageResponse, TenantUserPrincipal, uuidParam } from '@stratum/common';
import { AllowMfaSetup, Authenticated, ChangesAuthority, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import {
  BulkInviteDto,
  BulkInviteResultDto,
  CreateUserDto,
  ListUsersQueryDto,
  MeDto,
  UpdateMeDto,
  UpdateUserDto,
  UserDto,
  UserStatsDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

const UserPageDto = pageResponse(UserDto);

@ApiTags('Users')
@TenantScoped()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermissions('users:read')
  @ApiOperation({ summary: 'List users', description: 'Filter by status, role and text; sort; cursor pagination.' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Get('me')
  @Authenticated()
  @AllowMfaSetup()
  @ApiOperation({ summary: 'The calling user, with their effective permissions and tenant' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal('tenant_user') me: TenantUserPrincipal): Promise<MeDto> {
    return this.users.me(me);
  }

  @Patch('me')
  @Audited('user.profile.updated', { resource: 'user' })
  @Authenticated()
  @ApiOperation({ summary: 'Change your own profile' })
  @ApiOkResponse({ type: MeDto })
  async updateMe(@CurrentPrincipal('tenant_user') me: TenantUserPrincipal, @Body() dto: UpdateMeDto): Promise<MeDto> {
    await this.users.update(me.userId, dto);
    return this.users.me(me);
  }

  @Get('stats')
  @RequirePermissions('users:read')
  @ApiOperation({ summary: 'User counts: by status and role, locked, MFA, recent activity, seats' })
  @ApiOkResponse({ type: UserStatsDto })
  stats(): Promise<UserStatsDto> {
    return this.users.stats();
  }

  @Post()
  @Audited('user.created', { resource: 'user' })
  @ChangesAuthority()
  @RequirePermissions('users:create')
  @ApiOperation({
    summary: 'Create a user',
    description:
      'With `password` the user is active at once; without it, they are invited by email. Takes a seat (PLAN_LIMIT when full).',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors('CONFLICT', 'PLAN_LIMIT')
  create(@CurrentPrincipal('tenant_user') me: TenantUserPrincipal, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(me.userId, dto);
  }

  @Post('bulk')
  @Audited('user.bulk_invited')
  @ChangesAuthority()
  @RequirePermissions('users:create')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invite up to 500 users',
    description: 'Each row succeeds or fails on its own; the answer lists the result of every row.',
  })
  @ApiOkResponse({ type: BulkInviteResultDto })
  bulk(@CurrentPrincipal('tenant_user') me: TenantUserPrincipal, @Body() dto: BulkInviteDto): Promise<BulkInviteResultDto> {
    return this.users.bulkInvite(me.userId, dto.users);
  }

  @Get(':id')
  @RequirePermissions('users:read')
  @ApiOperation({ summary: 'Get a user' })
  @ApiOkResponse({ type: UserDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Audited('user.updated', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('users:update')
  @ApiOperation({
    summary: 'Change a user',
    description:
      'Only users whose permissions you hold; a tenant admin only by a tenant admin. `isBreakGlass` is set by tenant admins only (at most 3 accounts, BREAK_GLASS_LIMIT).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors('BREAK_GLASS_LIMIT')
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }

  @Post(':id/deactivate')
  @Audited('user.deactivated', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('users:delete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivate a user',
    description:
      'Their sessions end at once and their API keys are suspended (reactivation does not bring keys back; switch each on again). Only users whose permissions you hold; a tenant admin only by a tenant admin. Not the last tenant admin (LAST_ADMIN).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors('LAST_ADMIN')
  deactivate(@Param('id', uuidParam('id')) id: string): Promise<UserDto> {
    return this.users.deactivate(id);
  }

  @Post(':id/reactivate')
  @Audited('user.reactivated', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('users:delete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated user', description: 'Takes a seat again (PLAN_LIMIT when full).' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors('INVALID_STATE', 'PLAN_LIMIT')
  reactivate(@Param('id', uuidParam('id')) id: string): Promise<UserDto> {
    return this.users.reactivate(id);
  }
}
