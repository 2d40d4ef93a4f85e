import { applyDecorators, Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, Audited, ErrorCode, pageResponse, uuidParam } from '@stratum/common';
import { AllowMfaSetup, NotWhileImpersonating, Public } from '@stratum/rbac';
import { RateLimit } from '@stratum/admission';
import type { IdentityRealm } from '../realm/identity-realm';
import { AccountPrincipal, AccountService } from './account.service';
import { CurrentAccount } from './current-principal.decorator';
import {
  ChangePasswordDto,
  HistoryQueryDto,
  LoginDto,
  LoginEventDto,
  LoginResponseDto,
  MfaActivationDto,
  MfaCodeDto,
  MfaEnrollmentDto,
  MfaVerifyDto,
  RefreshDto,
  RevokedCountDto,
  sessionList,
  SessionListDto,
  TokenPairDto,
} from './dto/auth.dto';

const LoginEventPageDto = pageResponse(LoginEventDto);

/**
 * Password sign-in. Each realm's controller declares `login` with it, adding the errors only its
 * realm answers (a tenant can enforce SSO).
 */
export const LoginRoute = (...realmErrors: ErrorCode[]) =>
  applyDecorators(
    Post('login'),
    Audited('auth.login'),
    Public(),
    RateLimit('login'),
    HttpCode(200),
    ApiOperation({
      summary: 'Log in with email and password',
      description:
        'Any failure (unknown email, wrong password, inactive or locked account) answers the same 401. With MFA on, the answer is `{ mfaRequired: true, mfaToken }`: finish at …/mfa/verify.',
    }),
    ApiOkResponse({ type: LoginResponseDto }),
    ApiErrors('INVALID_CREDENTIALS', ...realmErrors),
  );

/**
 * The account routes every realm has (login, MFA, refresh, logout, sessions, history, password
 * change), written once and mounted for tenant users at /auth (TenantAuthController) and for
 * platform staff at /platform/auth (PlatformAuthController). Those controllers declare the path,
 * the policy of the routes that need a signed-in account (on the class; the `@Public()` routes here
 * override it) and which kind of account `@CurrentAccount()` accepts.
 */
export abstract class AccountController {
  protected constructor(
    private readonly realm: IdentityRealm,
    private readonly accounts: AccountService,
  ) {}

  /** `POST …/login`, declared by each realm's controller with `@LoginRoute`. */
  abstract login(dto: LoginDto): Promise<unknown>;

  protected passwordLogin(dto: LoginDto) {
    return this.accounts.passwordLogin(this.realm, dto.email, dto.password);
  }

  @Post('mfa/verify')
  @Audited('auth.mfa.verify')
  @Public()
  @RateLimit('mfa-verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish an MFA login with a TOTP code or a recovery code' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors('UNAUTHENTICATED', 'INVALID_MFA_CODE')
  verifyMfa(@Body() dto: MfaVerifyDto) {
    return this.accounts.completeMfaLogin(this.realm, dto.mfaToken, dto.code);
  }

  @Post('refresh')
  @Audited('auth.refresh', { resource: 'session' })
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description: 'The token sent is spent. Presenting a spent token again revokes the whole session (it was stolen).',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors('UNAUTHENTICATED')
  refresh(@Body() dto: RefreshDto) {
    return this.accounts.refresh(this.realm, dto.refreshToken);
  }

  @Post('logout')
  @Audited('auth.logout', { resource: 'session' })
  @AllowMfaSetup()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the current session', description: 'Its access token stops working at once.' })
  @ApiNoContentResponse()
  async logout(@CurrentAccount() me: AccountPrincipal): Promise<void> {
    await this.accounts.logout(this.realm, me);
  }

  @Post('logout-all')
  @NotWhileImpersonating()
  @Audited('auth.logout_all')
  @AllowMfaSetup()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End every session of the account, this one included' })
  @ApiOkResponse({ type: RevokedCountDto })
  async logoutAll(@CurrentAccount() me: AccountPrincipal): Promise<RevokedCountDto> {
    return { revoked: await this.accounts.logoutAll(this.realm, me) };
  }

  @Get('sessions')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account\u2019s live sessions' })
  @ApiOkResponse({ type: SessionListDto })
  async sessions(@CurrentAccount() me: AccountPrincipal): Promise<SessionListDto> {
    return sessionList(await this.accounts.listSessions(this.realm, me.userId), me.sessionId);
  }

  @Delete('sessions/:id')
  @NotWhileImpersonating()
  @Audited('auth.session.revoked', { resource: 'session', idParam: 'id' })
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End one of the account\u2019s sessions' })
  @ApiNoContentResponse()
  async revokeSession(@CurrentAccount() me: AccountPrincipal, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.accounts.revokeSession(this.realm, me.userId, id, 'revoked_by_user');
  }

  @Get('history')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account\u2019s login history, newest first' })
  @ApiOkResponse({ type: LoginEventPageDto })
  async history(@CurrentAccount() me: AccountPrincipal, @Query() query: HistoryQueryDto) {
    const page = await this.accounts.loginHistory(this.realm, me.userId, query.limit ?? 20, query.cursor);
    return {
      items: page.items.map((e) => ({
        id: e.id,
        outcome: e.outcome,
        method: e.method,
        ip: e.ip,
        userAgent: e.userAgent,
        createdAt: e.createdAt,
      })),
      nextCursor: page.nextCursor,
    };
  }

  @Post('change-password')
  @NotWhileImpersonating()
  @Audited('auth.password.changed')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change the password',
    description: 'Needs the current password; every other session is signed out.',
  })
  @ApiNoContentResponse()
  async changePassword(@CurrentAccount() me: AccountPrincipal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.accounts.changePassword(this.realm, me, dto.currentPassword, dto.newPassword);
  }

  @Post('mfa/totp/enroll')
  @NotWhileImpersonating()
  @Audited('auth.mfa.enrollment_started')
  @AllowMfaSetup()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Start TOTP enrolment',
    description: 'Add the secret to an authenticator app, then activate with a code.',
  })
  @ApiOkResponse({ type: MfaEnrollmentDto })
  @ApiErrors('INVALID_STATE')
  enrollMfa(@CurrentAccount() me: AccountPrincipal) {
    return this.accounts.enrollMfa(this.realm, me);
  }

  @Post('mfa/totp/activate')
  @NotWhileImpersonating()
  @Audited('auth.mfa.enabled')
  @AllowMfaSetup()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Activate TOTP with a code from the app', description: 'Answers ten recovery codes, shown once.' })
  @ApiOkResponse({ type: MfaActivationDto })
  @ApiErrors('INVALID_STATE', 'INVALID_MFA_CODE')
  activateMfa(@CurrentAccount() me: AccountPrincipal, @Body() dto: MfaCodeDto) {
    return this.accounts.activateMfa(this.realm, me, dto.code);
  }

  @Post('mfa/totp/disable')
  @NotWhileImpersonating()
  @Audited('auth.mfa.disabled')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Turn TOTP off', description: 'Needs a current code or a recovery code.' })
  @ApiNoContentResponse()
  @ApiErrors('INVALID_STATE', 'INVALID_MFA_CODE')
  async disableMfa(@CurrentAccount() me: AccountPrincipal, @Body() dto: MfaCodeDto): Promise<void> {
    await this.accounts.disableMfa(this.realm, me, dto.code);
  }
}
