import { ApiExtraModels, ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
  ValidateNested,
} from 'class-validator';
import { domainToASCII } from 'node:url';
import {
  SAML_SIGNATURE_REQUIREMENTS,
  SSO_PROVIDER_TYPES,
  type SamlSignatureRequirement,
  type SsoProviderType,
} from '../sso-provider.entity';
import { FreeText, nullableObject, RequireAnyField } from '@stratum/common';

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
const HTTPS_URL = { require_protocol: true, require_tld: false, protocols: ['https'] };
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

/** Attribute names of the SAML assertion; a field left out is read from the usual Entra ID, Okta and ADFS names. */
export class SamlAttributeMappingDto {
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 256,
    example: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    description:
      'Default: `email`, `mail`, `emailAddress`, `http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress`, `urn:oid:0.9.2342.19200300.100.1.3`, then the NameID when its format is emailAddress',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  email?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 256,
    description: 'Default: `firstName`, `givenName`, `given_name`, `…/claims/givenname`, `urn:oid:2.5.4.42`',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  firstName?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 256,
    description: 'Default: `lastName`, `surname`, `sn`, `family_name`, `…/claims/surname`, `urn:oid:2.5.4.4`',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  lastName?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 256,
    description:
      'Default: `groups`, `memberOf`, `http://schemas.microsoft.com/ws/2008/06/identity/claims/groups` (Entra ID), `http://schemas.xmlsoap.org/claims/Group` (ADFS), `urn:oid:1.3.6.1.4.1.5923.1.5.1.1`',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  groups?: string | null;
}

/** The SAML fields of create and update (type `saml` only). */
class SamlProviderFields {
  @ApiPropertyOptional({
    maxLength: 200_000,
    description:
      '`saml` only: the identity provider’s metadata XML, from which `idpEntityId`, `idpSsoUrl` (HTTP-Redirect binding) and `idpCertificates` are read. Alternatives: `idpMetadataUrl`, or the three fields themselves.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200_000)
  idpMetadataXml?: string;

  @ApiPropertyOptional({
    example: 'https://acme.okta.com/app/exk1a2b3c4/sso/saml/metadata',
    description:
      '`saml` only: where the server reads the metadata (HTTPS, public addresses only unless the operator allows the host: URL_REFUSED), at creation and at every change that names it.',
  })
  @IsOptional()
  @Transform(trim)
  @IsUrl(HTTPS_URL)
  @MaxLength(2000)
  idpMetadataUrl?: string;

  @ApiPropertyOptional({
    example: 'http://www.okta.com/exk1a2b3c4',
    maxLength: 1024,
    description: '`saml` only: the identity provider’s entity id, the Issuer its assertions must carry',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  idpEntityId?: string;

  @ApiPropertyOptional({
    example: 'https://acme.okta.com/app/acme_stratum/exk1a2b3c4/sso/saml',
    description: '`saml` only: the SingleSignOnService URL (HTTP-Redirect binding) the browser is sent to',
  })
  @IsOptional()
  @Transform(trim)
  @IsUrl(HTTPS_URL)
  @MaxLength(2000)
  idpSsoUrl?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 5,
    description:
      '`saml` only: the identity provider’s signing certificates (PEM, or base64 DER as in metadata); several while it rolls one over. Only these verify a response.',
  })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(20_000, { each: true })
  idpCertificates?: string[];

  @ApiPropertyOptional({
    enum: SAML_SIGNATURE_REQUIREMENTS,
    default: 'assertion',
    description: '`saml` only: what the identity provider’s signature must cover: the assertion, the whole response, or both',
  })
  @IsOptional()
  @IsIn(SAML_SIGNATURE_REQUIREMENTS)
  signatureRequired?: SamlSignatureRequirement;

  @ApiPropertyOptional({
    default: false,
    description:
      '`saml` only: accept responses the identity provider sends unasked (IdP-initiated sign-in, from its app dashboard). They end at the first `redirectUris` entry, or at the one the RelayState names.',
  })
  @IsOptional()
  @IsBoolean()
  allowIdpInitiated?: boolean;

  @ApiPropertyOptional({ type: SamlAttributeMappingDto, description: '`saml` only: where email, name and groups are read from' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SamlAttributeMappingDto)
  attributeMapping?: SamlAttributeMappingDto;
}

/** What every provider type is created with (the OpenID Connect fields among them). */
class CreateSsoProviderFields {
  @ApiProperty({
    enum: SSO_PROVIDER_TYPES,
    example: 'oidc',
    description:
      '`entra` (Microsoft Entra ID, through passport-azure-ad), `google` (Google Workspace), `oidc` (any OpenID Connect provider) or `saml` (SAML 2.0: Okta, ADFS, Entra ID in SAML mode, PingFederate, …)',
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

  @ApiPropertyOptional({
    example: '0oa1b2c3d4',
    maxLength: 500,
    description: 'The client (application) id registered at the provider; required for OpenID Connect types, not for `saml`',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientId?: string;

  @ApiPropertyOptional({
    format: 'password',
    maxLength: 2000,
    description: 'The client secret; stored encrypted and never returned. Required for OpenID Connect types, not for `saml`',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  clientSecret?: string;

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

export class CreateSsoProviderDto extends IntersectionType(CreateSsoProviderFields, SamlProviderFields) {}

class UpdateSsoProviderFields {
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

@RequireAnyField()
export class UpdateSsoProviderDto extends IntersectionType(UpdateSsoProviderFields, SamlProviderFields) {}

export class SamlAttributeMappingViewDto {
  @ApiProperty({ nullable: true, type: String, description: 'null: the default names' }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: the default names' }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: the default names' }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: the default names' }) groups: string | null;
}

export class SamlCertificateDto {
  @ApiProperty({ description: 'PEM' }) pem: string;
  @ApiProperty({ example: 'AB:CD:…', description: 'SHA-256 fingerprint' }) fingerprint: string;
  @ApiProperty({ example: 'CN=Okta' }) subject: string;
  @ApiProperty() notAfter: Date;
}

/** A SAML provider's settings, and what to configure at the identity provider. */
export class SamlProviderDto {
  @ApiProperty({ example: 'http://www.okta.com/exk1a2b3c4' }) idpEntityId: string;
  @ApiProperty({ example: 'https://acme.okta.com/app/acme_stratum/exk1a2b3c4/sso/saml' }) idpSsoUrl: string;
  @ApiProperty({ type: SamlCertificateDto, isArray: true }) idpCertificates: SamlCertificateDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Where the metadata was read from (null: given as XML or as fields)',
  })
  idpMetadataUrl: string | null;
  @ApiProperty({ enum: SAML_SIGNATURE_REQUIREMENTS }) signatureRequired: SamlSignatureRequirement;
  @ApiProperty() allowIdpInitiated: boolean;
  @ApiProperty({ type: SamlAttributeMappingViewDto }) attributeMapping: SamlAttributeMappingViewDto;

  @ApiProperty({
    example: 'https://api.acme.example/api/v1/auth/sso/6f1c…/2b1c…/saml/metadata',
    description: 'This service’s entity id (Audience) for this provider; its metadata is served at the same URL',
  })
  spEntityId: string;

  @ApiProperty({
    example: 'https://api.acme.example/api/v1/auth/sso/6f1c…/2b1c…/saml/metadata',
    description: 'Give this URL to the identity provider (or the entity id and ACS URL by hand)',
  })
  metadataUrl: string;

  @ApiProperty({
    example: 'https://api.acme.example/api/v1/auth/sso/saml/acs',
    description: 'The Assertion Consumer Service (reply URL), HTTP-POST binding',
  })
  acsUrl: string;
}

@ApiExtraModels(SamlProviderDto)
export class SsoProviderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SSO_PROVIDER_TYPES }) type: SsoProviderType;
  @ApiProperty({ example: 'Acme Okta' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '0oa1b2c3d4', description: 'null for `saml`' }) clientId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://acme.okta.com' }) issuer: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Entra ID directory (tenant) id; null for other providers' })
  azureTenantId: string | null;
  @ApiProperty({ type: [String], example: ['acme.example'] }) allowedDomains: string[];
  @ApiProperty({ type: [String], example: ['https://app.acme.example/sso/done'] }) redirectUris: string[];
  @ApiProperty() autoProvision: boolean;
  @ApiProperty({ enum: PROVISIONING_ROLES }) defaultRole: string;
  @ApiProperty() enabled: boolean;

  @ApiProperty(
    nullableObject(
      SamlProviderDto,
      '`saml` providers: the identity provider’s settings and this service’s SAML endpoints; null for others',
    ),
  )
  saml: SamlProviderDto | null;

  @ApiProperty({
    example: 'https://api.acme.example/api/v1/auth/sso/callback',
    description:
      'OpenID Connect: register this as the redirect (reply) URL of the application at the provider (`saml`: see `saml.acsUrl`)',
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
