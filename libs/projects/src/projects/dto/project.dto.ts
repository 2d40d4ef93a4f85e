import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, PageQueryDto, RequireAnyField } from '@stratum/common';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateProjectDto {
  @ApiProperty({ example: 'Website relaunch', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name: string;

  @ApiPropertyOptional({ example: 'Everything for the Q3 relaunch', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @FreeText({ multiline: true })
  description?: string;
}

@RequireAnyField()
export class UpdateProjectDto {
  @ApiPropertyOptional({ example: 'Website relaunch 2.0', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({ example: 'Everything for the Q3 relaunch, now with the blog', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @FreeText({ multiline: true })
  description?: string;
}

export class ListProjectsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name, e.g. `web`' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt', 'name', '-name'], description: 'Default `-createdAt`' })
  @IsOptional()
  @IsIn(['createdAt', '-createdAt', 'name', '-name'])
  sort?: string;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Website relaunch' })
  name: string;

  @ApiProperty({ example: 'Everything for the Q3 relaunch' })
  description: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdBy: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}
