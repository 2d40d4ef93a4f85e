import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, Audited, DomainError, FreeText, TenantUserPrincipal, uuidParam } from '@stratum/common';
import { AuthorityService, ChangesAuthority, RequirePermissions, SYSTEM_ROLES, SystemRoleKey } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AccountService } from '../auth/account.service';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { RevokedCountDto, sessionList, SessionListDto } from '../auth/dto/auth.dto';
import { TenantRealm } from '../realm/tenant-realm';
import { User } from '../users/user.entity';
import { InvitationService } from './invitation.service';

export class InviteUserDto {
  @ApiProperty({ example: 'grace@acme.example' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ example: 'Grace Hopper' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({
    enum: Object.keys(SYSTEM_ROLES),
    isArray: true,
    example: ['member'],
    description: 'System roles; default member',
  })
  @IsOptional()
  @IsIn(Object.keys(SYSTEM_ROLES), { each: true })
  @ArrayMaxSize(5)
  roles?: SystemRoleKey[];
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'grace@acme.example' })
  email: string;

  @ApiProperty({ enum: ['invited'] })
  status: string;

  @ApiProperty({ description: 'When the emailed link stops working' })
  expiresAt: Date;
}

/** Admin actions on other users' access: invitations, lockout, sessions. */
@ApiTags('Users')
@TenantScoped()
@Controller('users')
export class UserAccessController {
  constructor(
    private readonly invitations: InvitationService,
    private readonly accounts: AccountService,
    private readonly realm: TenantRealm,
    private readonly authority: AuthorityService,
  ) {}

  @Post('invite')
  @Audited('user.invited', { resource: 'user', idField: 'userId' })
  @ChangesAuthority()
  @RequirePermissions('users:create')
  @ApiOperation({
    summary: 'Invite a user by email',
    description: 'Creates the user as `invited` and emails a single-use link (7 days).',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiErrors('CONFLICT', 'PLAN_LIMIT')
  async invite(@CurrentPrincipal('tenant_user') me: TenantUserPrincipal, @Body() dto: InviteUserDto): Promise<InvitationDto> {
    const { user, expiresAt } = await this.invitations.invite(me.userId, dto);
    return { userId: user.id, email: user.email, status: user.status, expiresAt };
  }

  @Post(':id/invitation/resend')
  @Audited('user.invitation.resent', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('users:create')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a new invitation link (the previous one stops working)' })
  @ApiOkResponse({ type: InvitationDto })
  @ApiErrors('INVALID_STATE')
  async resend(
    @CurrentPrincipal('tenant_user') me: TenantUserPrincipal,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<InvitationDto> {
    const { user, expiresAt } = await this.invitations.resend(id, me.userId);
    return { userId: user.id, email: user.email, status: user.status, expiresAt };
  }

  @Delete(':id/invitation')
  @Audited('user.invitation.revoked', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('users:create')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an invitation', description: 'The invited user is removed and the link stops working.' })
  @ApiNoContentResponse()
  @ApiErrors('INVALID_STATE')
  async revoke(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.invitations.revoke(id);
  }

  @Post(':id/unlock')
  @Audited('auth.account.unlocked', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('users:update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlock an account locked by failed logins' })
  @ApiNoContentResponse()
  async unlock(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.authority.assertDominatesUser(id, 'unlock', { self: false });
    const em = await this.realm.manager();
    const result = await em.getRepository(User).update({ id }, { lockedUntil: null, failedLoginCount: 0 });
    if (!result.affected) throw DomainError.notFound('User');
  }

  @Get(':id/sessions')
  @RequirePermissions('users:read')
  @ApiOperation({ summary: 'A user\u2019s live sessions' })
  @ApiOkResponse({ type: SessionListDto })
  async sessions(@Param('id', uuidParam('id')) id: string): Promise<SessionListDto> {
    return sessionList(await this.accounts.listSessions(this.realm, id));
  }

  @Delete(':id/sessions')
  @Audited('user.sessions.revoked', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('users:update')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session of a user' })
  @ApiOkResponse({ type: RevokedCountDto })
  async revokeAll(@Param('id', uuidParam('id')) id: string): Promise<RevokedCountDto> {
    await this.authority.assertDominatesUser(id, 'end the sessions of');
    return { revoked: await this.accounts.revokeAllSessions(this.realm, id, 'revoked_by_admin') };
  }

  @Delete(':id/sessions/:sessionId')
  @Audited('auth.session.revoked', { resource: 'session', idParam: 'sessionId' })
  @ChangesAuthority()
  @RequirePermissions('users:update')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one session of a user' })
  @ApiNoContentResponse()
  async revokeOne(
    @Param('id', uuidParam('id')) id: string,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
  ): Promise<void> {
    await this.authority.assertDominatesUser(id, 'end the sessions of');
    await this.accounts.revokeSession(this.realm, id, sessionId, 'revoked_by_admin');
  }
}
