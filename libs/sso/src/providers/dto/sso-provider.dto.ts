import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsFQDN,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { domainToASCII } from 'node:url';
import { SSO_PROVIDER_TYPES, type SsoProviderType } from '../sso-provider.entity';
import { FreeText, RequireAnyField } from '@stratum/common';

/** Roles just-in-time provisioning may give. tenant_admin is left out: an IdP account must not become an admin unseen. */
export const PROVISIONING_ROLES = ['member', 'viewer', 'auditor', 'project_manager'] as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Lower-case, internationalised names as punycode: the form email domains are compared in. */
const asciiDomain = (d: string) => domainToASCII(d.trim()) || d.trim().toLowerCase();
const domains = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((d) => (typeof d === 'string' ? asciiDomain(d) : d)))] : value;
const unique = ({ value }: { value: unknown }) => (Array.isArray(value) ? [...new Set(value)] : value);

/** An Entra directory: its tenant id (GUID) or one of its verified domains; never `common`, `organizations` or `consumers`. */
const AZURE_TENANT =
  /^(?!(common|organizations|consumers)$)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;
const REDIRECT_URI = { require_protocol: true, require_tld: false, protocols: ['http', 'https'], allow_fragments: false };

export class CreateSsoProviderDto {
  @ApiProperty({
    enum: SSO_PROVIDER_TYPES,
    example: 'oidc',
    description:
      '`entra` (Microsoft Entra ID, through passport-azure-ad), `google` (Google Workspace) or `oidc` (any OpenID Connect provider)',
  })
  @IsIn(SSO_PROVIDER_TYPES)
  type: SsoProviderType;

  @ApiProperty({ example: 'Acme Okta', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @FreeText()
  name: string;

  @ApiProperty({ example: '0oa1b2c3d4', maxLength: 500, description: 'The client (application) id registered at the provider' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientId: string;

  @ApiProperty({
    format: 'password',
    maxLength: 2000,
    description: 'The client secret; stored encrypted and never returned',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  clientSecret: string;

  @ApiPropertyOptional({
    example: 'https://acme.okta.com',
    description:
      '`oidc` only, and required there: the issuer URL (HTTPS); its discovery document is read from it. Its host must resolve to public addresses only, unless the operator allows it (URL_REFUSED).',
  })
  @IsOptional()
  @Transform(trim)
  @IsUrl({ require_protocol: true, require_tld: false, protocols: ['https'] })
  @MaxLength(2000)
  issuer?: string;

  @ApiPropertyOptional({
    example: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    description:
      '`entra` only, and required there: the customer\u2019s directory (tenant id or a verified domain). Tokens are accepted from that directory only, even through a multi-tenant app registration.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(AZURE_TENANT, {
    message: 'azureTenantId must be a directory id (GUID) or a verified domain, not common/organizations/consumers',
  })
  @MaxLength(253)
  azureTenantId?: string;

  @ApiProperty({
    type: [String],
    example: ['acme.example'],
    description:
      'Email domains this provider signs in: an address in another domain is refused. Addresses are linked to existing users or provisioned only in domains the tenant has verified (`POST /sso/domains`); listing a domain here claims nothing, and discovery routes a verified domain to the first enabled provider that lists it.',
  })
  @Transform(domains)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsFQDN({}, { each: true })
  allowedDomains: string[];

  @ApiProperty({
    type: [String],
    example: ['https://app.acme.example/sso/done'],
    description:
      'The client URLs the sign-in may end at (`redirectUri` of the start route must equal one of them): the user is sent there with a one-time `code`.',
  })
  @Transform(unique)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUrl(REDIRECT_URI, { each: true, message: 'each redirectUris entry must be an absolute http(s) URL without a fragment' })
  @MaxLength(2000, { each: true })
  redirectUris: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'Create unknown users at their first sign-in (verified email in an allowed domain), with `defaultRole`',
  })
  @IsOptional()
  @IsBoolean()
  autoProvision?: boolean;

  @ApiPropertyOptional({ enum: PROVISIONING_ROLES, default: 'member', description: 'The role of provisioned users' })
  @IsOptional()
  @IsIn(PROVISIONING_ROLES)
  defaultRole?: (typeof PROVISIONING_ROLES)[number];

  @ApiPropertyOptional({ default: true, description: 'A disabled provider signs nobody in' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

@RequireAnyField()
export class UpdateSsoProviderDto {
  @ApiPropertyOptional({ example: 'Acme Okta', maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({ maxLength: 500, example: '0oa1b2c3d4' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientId?: string;

  @ApiPropertyOptional({ format: 'password', maxLength: 2000, description: 'A new client secret (rotation)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  clientSecret?: string;

  @ApiPropertyOptional({ example: 'https://acme.okta.com', description: '`oidc` only' })
  @IsOptional()
  @Transform(trim)
  @IsUrl({ require_protocol: true, require_tld: false, protocols: ['https'] })
  @MaxLength(2000)
  issuer?: string;

  @ApiPropertyOptional({ example: '72f988bf-86f1-41af-91ab-2d7cd011db47', description: '`entra` only' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(AZURE_TENANT, {
    message: 'azureTenantId must be a directory id (GUID) or a verified domain, not common/organizations/consumers',
  })
  @MaxLength(253)
  azureTenantId?: string;

  @ApiPropertyOptional({ type: [String], example: ['acme.example'], description: 'Replaces the allowed domains' })
  @IsOptional()
  @Transform(domains)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsFQDN({}, { each: true })
  allowedDomains?: string[];

  @ApiPropertyOptional({ type: [String], example: ['https://app.acme.example/sso/done'] })
  @IsOptional()
  @Transform(unique)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUrl(REDIRECT_URI, { each: true, message: 'each redirectUris entry must be an absolute http(s) URL without a fragment' })
  @MaxLength(2000, { each: true })
  redirectUris?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  autoProvision?: boolean;

  @ApiPropertyOptional({ enum: PROVISIONING_ROLES })
  @IsOptional()
  @IsIn(PROVISIONING_ROLES)
  defaultRole?: (typeof PROVISIONING_ROLES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class SsoProviderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SSO_PROVIDER_TYPES }) type: SsoProviderType;
  @ApiProperty({ example: 'Acme Okta' }) name: string;
  @ApiProperty({ example: '0oa1b2c3d4' }) clientId: string;
  @ApiProperty({ nullable: true, type: String, example: 'https://acme.okta.com' }) issuer: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Entra ID directory (tenant) id; null for other providers' })
  azureTenantId: string | null;
  @ApiProperty({ type: [String], example: ['acme.example'] }) allowedDomains: string[];
  @ApiProperty({ type: [String], example: ['https://app.acme.example/sso/done'] }) redirectUris: string[];
  @ApiProperty() autoProvision: boolean;
  @ApiProperty({ enum: PROVISIONING_ROLES }) defaultRole: string;
  @ApiProperty() enabled: boolean;

  @ApiProperty({
    example: 'https://api.acme.example/api/v1/auth/sso/callback',
    description: 'Register this as the redirect (reply) URL of the application at the provider',
  })
  callbackUrl: string;

  @ApiProperty({
    example: 'https://api.acme.example/api/v1/auth/sso/acme/2b1c…/start',
    description: 'Where a client sends the browser to sign in (add `?redirectUri=`)',
  })
  startUrl: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SsoProviderListDto {
  @ApiProperty({ type: SsoProviderDto, isArray: true })
  items: SsoProviderDto[];
}
