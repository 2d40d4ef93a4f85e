import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, TenantUserPrincipal, uuidParam } from '@stratum/common';
import { RequireFeature } from '@stratum/entitlements';
import { CurrentPrincipal } from '@stratum/identity';
import { ChangesAuthority, NotWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { CreatedDirectoryTokenDto, CreateDirectoryTokenDto, DirectoryTokenDto } from './dto/directory-token.dto';
import { DirectoryTokensService } from './directory-tokens.service';

@ApiTags('Directory sync')
@TenantScoped()
@RequireFeature('scim')
@NotWhileImpersonating()
@Controller('directory-sync/tokens')
export class DirectoryTokensController {
  constructor(private readonly tokens: DirectoryTokensService) {}

  @Post()
  @Audited('directory_token.created', { resource: 'directory_token' })
  @ChangesAuthority()
  @RequirePermissions('directory:manage')
  @ApiOperation({
    summary: 'Create a directory-sync (SCIM) token',
    description:
      'The token is shown once: give it and `scimBaseUrl` to the identity provider. The directory acts with at most your authority.',
  })
  @ApiCreatedResponse({ type: CreatedDirectoryTokenDto })
  create(
    @Body() dto: CreateDirectoryTokenDto,
    @CurrentPrincipal('tenant_user') me: TenantUserPrincipal,
  ): Promise<CreatedDirectoryTokenDto> {
    return this.tokens.create(me, dto);
  }

  @Get()
  @RequirePermissions('directory:manage')
  @ApiOperation({ summary: 'List directory-sync tokens', description: 'Newest first; never their secrets.' })
  @ApiOkResponse({ type: [DirectoryTokenDto] })
  list(): Promise<DirectoryTokenDto[]> {
    return this.tokens.list();
  }

  @Delete(':id')
  @Audited('directory_token.revoked', { resource: 'directory_token', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('directory:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a directory-sync token', description: 'Its next request is 401.' })
  @ApiNoContentResponse()
  async revoke(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.tokens.revoke(id);
  }
}
