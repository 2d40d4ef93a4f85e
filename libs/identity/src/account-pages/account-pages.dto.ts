import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { FreeText } from '@stratum/common';
import { TokenDto } from '../auth/dto/auth.dto';

/** The fields every account page's form posts back: the link's tenant and token. */
export class LinkFormDto extends TokenDto {
  @IsString()
  @MaxLength(100)
  tenant: string;
}

export class PasswordFormDto extends LinkFormDto {
  @IsString()
  @MaxLength(256)
  password: string;

  @IsString()
  @MaxLength(256)
  confirmPassword: string;
}

export class InvitationFormDto extends PasswordFormDto {
  /** A form sends an empty field rather than none. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;
}
