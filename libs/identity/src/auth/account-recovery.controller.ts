import { ApiErrors, Audited } from '@stratum/common';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { TenantUserPrincipal } from '@stratum/common';
import { Authenticated, Public } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RateLimit } from '@stratum/admission';
import { InvitationService } from '../invitations/invitation.service';
import { PasswordResetService } from '../passwords/password-reset.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { AcceptedDto, AcceptInvitationDto, EmailDto, ResetPasswordDto, TokenDto, UserSummaryDto } from './dto/auth.dto';

const ACCEPTED = 'If an account uses this address, an email is on its way.';

/** Flows started from an emailed link: password reset, email verification, invitations. */
@ApiTags('Auth')
@ApiSecurity('tenant')
@TenantScoped()
@Controller('auth')
export class AccountRecoveryController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly invitations: InvitationService,
  ) {}

  @Post('password-reset/request')
  @Audited('auth.password_reset.requested')
  @Public()
  @RateLimit('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email a password reset link',
    description:
      'Always answers 202 with the same body, whether or not an account uses the address. The link works once, for 1 hour.',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  async requestReset(@Body() dto: EmailDto): Promise<AcceptedDto> {
    await this.resets.request(dto.email);
    return { message: ACCEPTED };
  }

  @Post('password-reset/confirm')
  @Audited('auth.password_reset.completed')
  @Public()
  @RateLimit('password-reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the emailed token', description: 'Signs the account out everywhere.' })
  @ApiNoContentResponse()
  @ApiErrors('INVALID_TOKEN')
  async confirmReset(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.resets.confirm(dto.token, dto.password);
  }

  @Post('verify-email/request')
  @Audited('auth.email_verification.requested')
  @Authenticated()
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a link that verifies the caller\u2019s address (valid 24 hours)' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiErrors('INVALID_STATE')
  async requestVerification(@CurrentPrincipal('tenant_user') me: TenantUserPrincipal): Promise<AcceptedDto> {
    await this.resets.requestVerification(me.userId);
    return { message: 'A verification email is on its way.' };
  }

  @Post('verify-email/confirm')
  @Audited('auth.email.verified')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Verify an email address with the emailed token' })
  @ApiNoContentResponse()
  @ApiErrors('INVALID_TOKEN')
  async confirmVerification(@Body() dto: TokenDto): Promise<void> {
    await this.resets.confirmVerification(dto.token);
  }

  @Post('invitations/accept')
  @Audited('auth.invitation.accepted', { resource: 'user' })
  @Public()
  @RateLimit('invitation-accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation by choosing a password',
    description: 'The link works once, for 7 days. Then log in.',
  })
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiErrors('INVALID_TOKEN')
  async accept(@Body() dto: AcceptInvitationDto): Promise<UserSummaryDto> {
    const user = await this.invitations.accept(dto.token, dto.password, dto.name);
    return { id: user.id, email: user.email, name: user.name, status: user.status };
  }
}
