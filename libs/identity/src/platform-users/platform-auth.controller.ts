import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PlatformUserPrincipal } from '@stratum/common';
import { PlatformRoles, Public } from '@stratum/rbac';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { LoginDto, RefreshDto, TokenPairDto } from '../auth/dto/auth.dto';
import { PlatformAuthService } from './platform-auth.service';

@ApiTags('Platform auth')
@Controller('platform/auth')
export class PlatformAuthController {
  constructor(private readonly auth: PlatformAuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in as platform staff (super admin or support)' })
  @ApiOkResponse({ type: TokenPairDto })
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(dto.email, dto.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a platform refresh token for new tokens (the one sent is spent)' })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @PlatformRoles('super_admin', 'support')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current platform session' })
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal('platform_user') principal: PlatformUserPrincipal): Promise<void> {
    await this.auth.logout(principal);
  }
}
