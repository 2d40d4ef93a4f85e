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
import { ApiErrors, Audited, FreeText, TenantUserPrincipal, uuidParam } from '@stratum/common';
import { ALL_PERMISSIONS, ChangesAuthority, NotWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiKey } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CI deploys', maxLength: 100 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @FreeText()
  name: string;

  @ApiProperty({
    isArray: true,
    enum: ALL_PERMISSIONS,
    example: ['projects:read'],
    description: 'The most the key may do; within your own permissions',
  })
  @IsIn(ALL_PERMISSIONS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  scopes: string[];

  @ApiPropertyOptional({ type: Date, example: '2027-01-01T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CI deploys' })
  name: string;

  @ApiProperty({ example: 'sk_live_3Hq1xk2a', description: 'The start of the key, to tell keys apart' })
  prefix: string;

  @ApiProperty({ type: [String], example: ['projects:read'] })
  scopes: string[];

  @ApiProperty({
    enum: ['active', 'suspended', 'expired', 'revoked'],
    description: '`suspended`: its owner was deactivated; refused until switched on again (POST …/enable)',
  })
  status: 'active' | 'suspended' | 'expired' | 'revoked';

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdBy: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  rotatedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  revokedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date, description: 'When its owner\u2019s deactivation suspended it' })
  suspendedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date, description: 'Updated at most once a minute' })
  lastUsedAt: Date | null;

  @ApiProperty({ type: 'integer', example: 42 })
  useCount: number;

  @ApiProperty({ description: 'Its creator has been deactivated: review whether the key should live on' })
  flagged: boolean;
}

export class ApiKeyWithSecretDto extends ApiKeyDto {
  @ApiProperty({ example: 'sk_live_…', description: 'The whole key. Shown this once: store it now.' })
  secret: string;
}

class ApiKeyListDto {
  @ApiProperty({ type: ApiKeyDto, isArray: true })
  items: ApiKeyDto[];
}

function toDto(k: ApiKey & { flagged?: boolean }): ApiKeyDto {
  const status = k.revokedAt
    ? 'revoked'
    : k.expiresAt && k.expiresAt <= new Date()
      ? 'expired'
      : k.suspendedAt
        ? 'suspended'
        : 'active';
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    status,
    createdBy: k.createdBy,
    createdAt: k.createdAt,
    rotatedAt: k.rotatedAt,
    expiresAt: k.expiresAt,
    revokedAt: k.revokedAt,
    suspendedAt: k.suspendedAt,
    lastUsedAt: k.lastUsedAt,
    useCount: Number(k.useCount),
    flagged: k.flagged ?? false,
  };
}

@ApiTags('API keys')
@TenantScoped()
@Controller('api-keys')
@NotWhileImpersonating()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Audited('api_key.created', { resource: 'api_key' })
  @ChangesAuthority()
  @RequirePermissions('api-keys:manage')
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'Send it as `X-API-Key: sk_live_…` or `Authorization: Bearer sk_live_…`; it carries its tenant. The secret is shown once.',
  })
  @ApiCreatedResponse({ type: ApiKeyWithSecretDto })
  async create(
    @CurrentPrincipal('tenant_user') me: TenantUserPrincipal,
    @Body() dto: CreateApiKeyDto,
  ): Promise<ApiKeyWithSecretDto> {
    const { key, secret } = await this.keys.create(me, dto);
    return { ...toDto(key), secret };
  }

  @Get()
  @RequirePermissions('api-keys:read')
  @ApiOperation({ summary: 'List API keys (never their secrets)' })
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(): Promise<ApiKeyListDto> {
    return { items: (await this.keys.list()).map(toDto) };
  }

  @Get(':id')
  @RequirePermissions('api-keys:read')
  @ApiOperation({ summary: 'Get an API key' })
  @ApiOkResponse({ type: ApiKeyDto })
  async get(@Param('id', uuidParam('id')) id: string): Promise<ApiKeyDto> {
    return toDto(await this.keys.get(id));
  }

  @Post(':id/rotate')
  @Audited('api_key.rotated', { resource: 'api_key', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('api-keys:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate a key\u2019s secret',
    description: 'The old secret stops working at once; the new one is shown once.',
  })
  @ApiOkResponse({ type: ApiKeyWithSecretDto })
  @ApiErrors('INVALID_STATE')
  async rotate(@Param('id', uuidParam('id')) id: string): Promise<ApiKeyWithSecretDto> {
    const { key, secret } = await this.keys.rotate(id);
    return { ...toDto(key), secret };
  }

  @Post(':id/enable')
  @Audited('api_key.enabled', { resource: 'api_key', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('api-keys:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Switch a suspended key back on',
    description:
      'Deactivating a user suspends their keys; reactivating them brings none back. The owner must be active again, and you must hold every permission they hold.',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors('INVALID_STATE')
  async enable(@Param('id', uuidParam('id')) id: string): Promise<ApiKeyDto> {
    return toDto(await this.keys.enable(id));
  }

  @Delete(':id')
  @Audited('api_key.revoked', { resource: 'api_key', idParam: 'id' })
  @ChangesAuthority()
  @RequirePermissions('api-keys:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse()
  async revoke(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
