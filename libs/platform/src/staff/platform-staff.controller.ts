import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, pageResponse, PlatformUserPrincipal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { PlatformRoles } from '@stratum/rbac';
import { CreatePlatformUserDto, ListPlatformUsersQueryDto, PlatformUserDto, UpdatePlatformUserDto } from './platform-staff.dto';
import { PlatformStaffService } from './platform-staff.service';

const PlatformUserPageDto = pageResponse(PlatformUserDto);

@ApiTags('Platform staff')
@Controller('platform/users')
export class PlatformStaffController {
  constructor(private readonly staff: PlatformStaffService) {}

  @Get()
  @PlatformRoles('super_admin')
  @ApiOperation({ summary: 'List platform staff', description: 'Filter by status, role and text; newest first.' })
  @ApiOkResponse({ type: PlatformUserPageDto })
  list(@Query() query: ListPlatformUsersQueryDto) {
    return this.staff.list(query);
  }

  @Post()
  @Audited('platform_user.created', { resource: 'platform_user' })
  @PlatformRoles('super_admin')
  @ApiOperation({
    summary: 'Create a platform staff account',
    description: '`super_admin` may do everything; `support` reads tenants, statistics and audit logs and changes nothing.',
  })
  @ApiCreatedResponse({ type: PlatformUserDto })
  @ApiErrors('CONFLICT')
  create(@Body() dto: CreatePlatformUserDto): Promise<PlatformUserDto> {
    return this.staff.create(dto);
  }

  @Get(':id')
  @PlatformRoles('super_admin')
  @ApiOperation({ summary: 'Get a platform staff account' })
  @ApiOkResponse({ type: PlatformUserDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<PlatformUserDto> {
    return this.staff.get(id);
  }

  @Patch(':id')
  @Audited('platform_user.updated', { resource: 'platform_user', idParam: 'id' })
  @PlatformRoles('super_admin')
  @ApiOperation({ summary: 'Change a platform staff account\u2019s name or roles', description: 'Fewer roles end its sessions.' })
  @ApiOkResponse({ type: PlatformUserDto })
  @ApiErrors('INVALID_STATE')
  update(
    @CurrentPrincipal('platform_user') me: PlatformUserPrincipal,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdatePlatformUserDto,
  ): Promise<PlatformUserDto> {
    return this.staff.update(me.userId, id, dto);
  }

  @Post(':id/deactivate')
  @Audited('platform_user.deactivated', { resource: 'platform_user', idParam: 'id' })
  @PlatformRoles('super_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivate a platform staff account',
    description: 'Its sessions end at once. Not yourself, not the last super admin.',
  })
  @ApiOkResponse({ type: PlatformUserDto })
  @ApiErrors('INVALID_STATE')
  deactivate(
    @CurrentPrincipal('platform_user') me: PlatformUserPrincipal,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<PlatformUserDto> {
    return this.staff.deactivate(me.userId, id);
  }

  @Post(':id/reactivate')
  @Audited('platform_user.reactivated', { resource: 'platform_user', idParam: 'id' })
  @PlatformRoles('super_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a platform staff account' })
  @ApiOkResponse({ type: PlatformUserDto })
  @ApiErrors('INVALID_STATE')
  reactivate(@Param('id', uuidParam('id')) id: string): Promise<PlatformUserDto> {
    return this.staff.reactivate(id);
  }
}
