import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Type } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, pageResponse, uuidParam } from '@stratum/common';
import { AllowMfaSetup, NotWhileImpersonating, Public } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RateLimit } from '@stratum/admission';
import type { IdentityRealm } from '../realm/identity-realm';
import { AccountPrincipal, AccountService } from './account.service';
import { CurrentPrincipal } from './current-principal.decorator';
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
  SessionListDto,
  TokenPairDto,
} from './dto/auth.dto';

export interface AuthRoutesOptions {
  name: string;
  path: string;
  tag: string;
  realm: Type<IdentityRealm>;
  principal: AccountPrincipal['kind'];
  /** The policy of routes that need a signed-in account of this realm. */
  signedIn: () => MethodDecorator & ClassDecorator;
  tenantScoped: boolean;
}

const LoginEventPageDto = pageResponse(LoginEventDto);

/**
 * The account routes every realm has (login, MFA, refresh, logout, sessions, history, password
 * change), written once and mounted for tenant users at /auth and for platform staff at
 * /platform/auth.
 */
export function authRoutes(o: AuthRoutesOptions): Type<unknown> {
  const SignedIn = o.signedIn;

  @ApiTags(o.tag)
  @Controller(o.path)
  class AuthRoutes {
    constructor(
      @Inject(o.realm) private readonly realm: IdentityRealm,
      private readonly accounts: AccountService,
    ) {}

    @Post('login')
    @Audited('auth.login')
    @Public()
    @RateLimit('login')
    @HttpCode(200)
    @ApiOperation({
      summary: 'Log in with email and password',
      description:
        'Any failure (unknown email, wrong password, inactive or locked account) answers the same 401. With MFA on, the answer is `{ mfaRequired: true, mfaToken }`: finish at …/mfa/verify.',
    })
    @ApiOkResponse({ type: LoginResponseDto })
    @ApiErrors('INVALID_CREDENTIALS', ...(o.tenantScoped ? (['SSO_REQUIRED'] as const) : []))
    login(@Body() dto: LoginDto) {
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
    @SignedIn()
    @AllowMfaSetup()
    @HttpCode(204)
    @ApiOperation({ summary: 'End the current session', description: 'Its access token stops working at once.' })
    @ApiNoContentResponse()
    async logout(@CurrentPrincipal(o.principal) me: AccountPrincipal): Promise<void> {
      await this.accounts.logout(this.realm, me);
    }

    @Post('logout-all')
    @NotWhileImpersonating()
    @Audited('auth.logout_all')
    @SignedIn()
    @AllowMfaSetup()
    @HttpCode(200)
    @ApiOperation({ summary: 'End every session of the account, this one included' })
    @ApiOkResponse({ type: RevokedCountDto })
    async logoutAll(@CurrentPrincipal(o.principal) me: AccountPrincipal): Promise<RevokedCountDto> {
      return { revoked: await this.accounts.logoutAll(this.realm, me) };
    }

    @Get('sessions')
    @SignedIn()
    @ApiOperation({ summary: 'The account\u2019s live sessions' })
    @ApiOkResponse({ type: SessionListDto })
    async sessions(@CurrentPrincipal(o.principal) me: AccountPrincipal): Promise<SessionListDto> {
      const sessions = await this.accounts.listSessions(this.realm, me.userId);
      return {
        items: sessions.map((s) => ({
          id: s.id,
          userAgent: s.userAgent,
          ip: s.ip,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          expiresAt: s.expiresAt,
          current: s.id === me.sessionId,
        })),
      };
    }

    @Delete('sessions/:id')
    @NotWhileImpersonating()
    @Audited('auth.session.revoked', { resource: 'session', idParam: 'id' })
    @SignedIn()
    @HttpCode(204)
    @ApiOperation({ summary: 'End one of the account\u2019s sessions' })
    @ApiNoContentResponse()
    async revokeSession(
      @CurrentPrincipal(o.principal) me: AccountPrincipal,
      @Param('id', uuidParam('id')) id: string,
    ): Promise<void> {
      await this.accounts.revokeSession(this.realm, me.userId, id, 'revoked_by_user');
    }

    @Get('history')
    @SignedIn()
    @ApiOperation({ summary: 'The account\u2019s login history, newest first' })
    @ApiOkResponse({ type: LoginEventPageDto })
    async history(@CurrentPrincipal(o.principal) me: AccountPrincipal, @Query() query: HistoryQueryDto) {
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
    @SignedIn()
    @HttpCode(204)
    @ApiOperation({
      summary: 'Change the password',
      description: 'Needs the current password; every other session is signed out.',
    })
    @ApiNoContentResponse()
    async changePassword(@CurrentPrincipal(o.principal) me: AccountPrincipal, @Body() dto: ChangePasswordDto): Promise<void> {
      await this.accounts.changePassword(this.realm, me, dto.currentPassword, dto.newPassword);
    }

    @Post('mfa/totp/enroll')
    @NotWhileImpersonating()
    @Audited('auth.mfa.enrollment_started')
    @SignedIn()
    @AllowMfaSetup()
    @HttpCode(200)
    @ApiOperation({
      summary: 'Start TOTP enrolment',
      description: 'Add the secret to an authenticator app, then activate with a code.',
    })
    @ApiOkResponse({ type: MfaEnrollmentDto })
    @ApiErrors('INVALID_STATE')
    enrollMfa(@CurrentPrincipal(o.principal) me: AccountPrincipal) {
      return this.accounts.enrollMfa(this.realm, me);
    }

    @Post('mfa/totp/activate')
    @NotWhileImpersonating()
    @Audited('auth.mfa.enabled')
    @SignedIn()
    @AllowMfaSetup()
    @HttpCode(200)
    @ApiOperation({ summary: 'Activate TOTP with a code from the app', description: 'Answers ten recovery codes, shown once.' })
    @ApiOkResponse({ type: MfaActivationDto })
    @ApiErrors('INVALID_STATE', 'INVALID_MFA_CODE')
    activateMfa(@CurrentPrincipal(o.principal) me: AccountPrincipal, @Body() dto: MfaCodeDto) {
      return this.accounts.activateMfa(this.realm, me, dto.code);
    }

    @Post('mfa/totp/disable')
    @NotWhileImpersonating()
    @Audited('auth.mfa.disabled')
    @SignedIn()
    @HttpCode(204)
    @ApiOperation({ summary: 'Turn TOTP off', description: 'Needs a current code or a recovery code.' })
    @ApiNoContentResponse()
    @ApiErrors('INVALID_STATE', 'INVALID_MFA_CODE')
    async disableMfa(@CurrentPrincipal(o.principal) me: AccountPrincipal, @Body() dto: MfaCodeDto): Promise<void> {
      await this.accounts.disableMfa(this.realm, me, dto.code);
    }
  }

  Object.defineProperty(AuthRoutes, 'name', { value: o.name });
  if (o.tenantScoped) {
    TenantScoped()(AuthRoutes);
    ApiSecurity('tenant')(AuthRoutes);
  }
  return AuthRoutes;
}
