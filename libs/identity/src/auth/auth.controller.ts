import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { TenantUserPrincipal } from '@stratum/common';
import { Authenticated, Public } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { LoginDto, RefreshDto, TokenPairDto } from './dto/auth.dto';

@ApiTags('Auth')
@ApiSecurity('tenant')
@TenantScoped()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in to a tenant with email and password',
    description: 'Name the tenant with the `X-Tenant` header (slug or id) or its subdomain. Any failure answers the same 401.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(dto.email, dto.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description: 'The refresh token is rotated: the one sent is spent.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current session', description: 'Its access token stops working at once.' })
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal('tenant_user') principal: TenantUserPrincipal): Promise<void> {
    await this.auth.logout(principal);
  }
}
