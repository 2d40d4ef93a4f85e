import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText } from '@stratum/common';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateDirectoryTokenDto {
  @ApiProperty({ example: 'Microsoft Entra ID provisioning', maxLength: 200 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name: string;

  @ApiPropertyOptional({ type: Date, example: '2027-12-31T00:00:00Z', description: 'Without it, the token lasts until revoked' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class DirectoryTokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Microsoft Entra ID provisioning' })
  name: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The admin whose authority the directory acts with' })
  createdBy: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  expiresAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  revokedAt: Date | null;
}

export class CreatedDirectoryTokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Microsoft Entra ID provisioning' })
  name: string;

  @ApiProperty({
    example: 'scim_Qm9vdHN0cmFw…',
    description: 'The secret token, shown this once: the identity provider\u2019s "Secret Token"',
  })
  token: string;

  @ApiProperty({
    example: 'https://api.example.com/scim/v2',
    description: 'The identity provider\u2019s "Tenant URL" / SCIM base URL',
  })
  scimBaseUrl: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  expiresAt: Date | null;
}
