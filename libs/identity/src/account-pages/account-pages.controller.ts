import { Body, Controller, Get, Header, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RateLimit } from '@stratum/admission';
import { AuditNotes, Audited, DomainError } from '@stratum/common';
import { Public } from '@stratum/rbac';
import { TenantContext, TenantFromLink } from '@stratum/tenancy';
import { InvitationService } from '../invitations/invitation.service';
import { PasswordResetService } from '../passwords/password-reset.service';
import { AccountPagePath, renderAccountPage } from './account-page';
import { AccountPageFilter } from './account-page.filter';
import { InvitationFormDto, LinkFormDto, PasswordFormDto } from './account-pages.dto';

const HTML = 'text/html; charset=utf-8';

/**
 * The pages an emailed link opens when PUBLIC_APP_URL names no front end: each shows a form that
 * posts back to the same page, which calls the service of the API route it stands for, under
 * that route's rate limit and audit action. The token in the link authorises (no cookie, so
 * nothing to forge across sites); opening a link changes nothing until the form is sent, so a
 * mail scanner fetching it does not use it up.
 */
@ApiExcludeController()
@TenantFromLink()
@UseFilters(AccountPageFilter)
@Controller()
export class AccountPagesController {
  constructor(
    private readonly tenant: TenantContext,
    private readonly invitations: InvitationService,
    private readonly resets: PasswordResetService,
    private readonly notes: AuditNotes,
  ) {}

  @Get('accept-invitation')
  @Public()
  @Header('Content-Type', HTML)
  invitationPage(@Query('tenant') tenant: unknown, @Query('token') token: unknown): string {
    return this.form('/accept-invitation', tenant, token);
  }

  @Post('accept-invitation')
  // The user is named by the note below: the answer is a page, with no id to read.
  @Audited('auth.invitation.accepted')
  @Public()
  @RateLimit('invitation-accept')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async acceptInvitation(@Body() dto: InvitationFormDto): Promise<string> {
    const user = await this.invitations.accept(dto.token, samePassword(dto), dto.name);
    this.notes.describe({ resource: { type: 'user', id: user.id } });
    return this.done('/accept-invitation');
  }

  @Get('reset-password')
  @Public()
  @Header('Content-Type', HTML)
  resetPage(@Query('tenant') tenant: unknown, @Query('token') token: unknown): string {
    return this.form('/reset-password', tenant, token);
  }

  @Post('reset-password')
  @Audited('auth.password_reset.completed')
  @Public()
  @RateLimit('password-reset')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async resetPassword(@Body() dto: PasswordFormDto): Promise<string> {
    await this.resets.confirm(dto.token, samePassword(dto));
    return this.done('/reset-password');
  }

  @Get('verify-email')
  @Public()
  @Header('Content-Type', HTML)
  verifyPage(@Query('tenant') tenant: unknown, @Query('token') token: unknown): string {
    return this.form('/verify-email', tenant, token);
  }

  @Post('verify-email')
  @Audited('auth.email.verified')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async verifyEmail(@Body() dto: LinkFormDto): Promise<string> {
    await this.resets.confirmVerification(dto.token);
    return this.done('/verify-email');
  }

  /** The page's form, carrying the link's parameters on; a link without a token is no link at all. */
  private form(page: AccountPagePath, tenant: unknown, token: unknown): string {
    if (typeof token !== 'string' || !token || typeof tenant !== 'string') throw new DomainError('INVALID_TOKEN');
    return renderAccountPage({ page, tenantName: this.tenant.get().name, link: { tenant, token } });
  }

  private done(page: AccountPagePath): string {
    return renderAccountPage({ page, tenantName: this.tenant.get().name, done: true });
  }
}

/** The password, once both fields agree (a typo there would lock the user out of a new account). */
function samePassword(dto: PasswordFormDto): string {
  if (dto.password !== dto.confirmPassword) {
    throw new DomainError('VALIDATION_FAILED', 'The two passwords differ', {}, [
      { field: 'confirmPassword', message: 'The two passwords differ' },
    ]);
  }
  return dto.password;
}
