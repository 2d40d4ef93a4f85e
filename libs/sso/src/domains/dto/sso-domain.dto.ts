import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

export const SSO_DOMAIN_STATUSES = ['pending', 'verified'] as const;
export type SsoDomainStatus = (typeof SSO_DOMAIN_STATUSES)[number];

export class CreateSsoDomainDto {
  @ApiProperty({
    type: String,
    example: 'acme.com',
    maxLength: 253,
    description:
      'The email domain to claim: lower-cased, internationalised names stored as punycode, no trailing dot, at least two labels. Domains of public mail providers (gmail.com, outlook.com, …) are refused.',
  })
  // Checked (and normalised) by the service, so that every refusal names `domain` the same way.
  @IsDefined()
  domain: unknown;
}

export class SsoDomainVerificationDto {
  @ApiProperty({ enum: ['dns-txt'], example: 'dns-txt', description: 'Publish a DNS TXT record' })
  type: 'dns-txt';

  @ApiProperty({ example: '_stratum-challenge.acme.com', description: 'The name of the TXT record' })
  name: string;

  @ApiProperty({
    example: 'stratum-domain-verification=3f9c…',
    description: 'The value the TXT record must hold (other TXT records at the name may stay)',
  })
  value: string;
}

export class SsoDomainDto {
  @ApiProperty({ format: 'uuid' }) id: string;

  @ApiProperty({ example: 'acme.com' }) domain: string;

  @ApiProperty({
    enum: SSO_DOMAIN_STATUSES,
    description:
      '`pending` until the TXT record is found (`POST …/verify`); only `verified` domains route discovery, link and provision users, and count for `ssoEnforced`',
  })
  status: SsoDomainStatus;

  @ApiProperty({ type: SsoDomainVerificationDto }) verification: SsoDomainVerificationDto;

  @ApiProperty() createdAt: Date;

  @ApiProperty({ nullable: true, type: Date }) verifiedAt: Date | null;

  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'When a pending claim lapses unproven (7 days after it was made); null once verified',
  })
  expiresAt: Date | null;
}

export class SsoDomainListDto {
  @ApiProperty({ type: SsoDomainDto, isArray: true })
  items: SsoDomainDto[];
}
