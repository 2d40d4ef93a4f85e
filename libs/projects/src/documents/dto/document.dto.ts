import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, PageQueryDto, RequireAnyField } from '@stratum/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateDocumentDto {
  @ApiProperty({ example: 'Launch checklist', maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @FreeText()
  title: string;

  @ApiPropertyOptional({ example: '1. Freeze content\n2. …', maxLength: 100000 })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;
}

@RequireAnyField()
export class UpdateDocumentDto {
  @ApiPropertyOptional({ example: 'Launch checklist (final)', maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @FreeText()
  title?: string;

  @ApiPropertyOptional({ example: '1. Freeze content\n2. Publish', maxLength: 100000 })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;
}

export class ListDocumentsQueryDto extends PageQueryDto {}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: 'Launch checklist' })
  title: string;

  @ApiProperty({ example: '1. Freeze content\n2. …' })
  body: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdBy: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}
