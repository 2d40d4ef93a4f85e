import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class StartSsoQueryDto {
  @ApiProperty({
    example: 'https://app.acme.example/sso/done',
    description: 'Where the browser ends up with `?code=`: must equal one of the provider\u2019s `redirectUris`',
  })
  @IsString()
  @MaxLength(2000)
  redirectUri: string;

  @ApiPropertyOptional({
    maxLength: 512,
    description: 'Opaque value of the client, sent back with the code (protect your redirect endpoint with it)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  state?: string;

  @ApiPropertyOptional({ description: 'Passed to the provider as `login_hint`, e.g. `ada@acme.example`' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  loginHint?: string;
}

export class SsoExchangeDto {
  @ApiProperty({ example: 'sso_Qm9…', description: 'The one-time `code` the callback sent to the client (60 s, once)' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  code: string;
}

export class SsoDiscoveryDto {
  @ApiProperty({ description: 'Whether the email\u2019s domain signs in with single sign-on' })
  sso: boolean;

  @ApiProperty({ nullable: true, type: String, example: 'acme', description: 'The tenant\u2019s slug (null without SSO)' })
  tenant: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  providerId: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Acme Entra ID' })
  providerName: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://api.acme.example/api/v1/auth/sso/acme/2b1c…/start',
    description: 'Send the browser here, with `?redirectUri=`',
  })
  startUrl: string | null;
}

/** What an identity provider sends back (OAuth 2.0 / OpenID Connect authorization response); read as is, checked by the sign-in. */
export class SsoCallbackFormDto {
  @ApiPropertyOptional({ description: 'The authorization code (on success)' }) code?: string;
  @ApiPropertyOptional({ description: 'The `state` the sign-in sent to the provider' }) state?: string;
  @ApiPropertyOptional({ description: 'An ID token, when the provider sends one with the code (Entra ID `form_post`)' })
  id_token?: string;
  @ApiPropertyOptional({ description: 'The issuer (RFC 9207), when the provider sends it' }) iss?: string;
  @ApiPropertyOptional({ description: 'The provider\u2019s session state, when it sends one' }) session_state?: string;
  @ApiPropertyOptional({ example: 'access_denied', description: 'Why the provider refused (then no code)' }) error?: string;
  @ApiPropertyOptional({ description: 'The provider\u2019s explanation of `error`, for people' }) error_description?: string;
  @ApiPropertyOptional({ description: 'A page of the provider about `error`' }) error_uri?: string;
}

/** What a SAML identity provider posts to the Assertion Consumer Service (HTTP-POST binding); checked by the sign-in. */
export class SamlAcsFormDto {
  @ApiProperty({ description: 'The base64-encoded `samlp:Response`' }) SAMLResponse: string;
  @ApiPropertyOptional({
    description:
      'The RelayState the sign-in sent with its AuthnRequest; in an IdP-initiated sign-in, optionally one of the provider’s `redirectUris`',
  })
  RelayState?: string;
}
