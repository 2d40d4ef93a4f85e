import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, FreeText } from '@stratum/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { SessionColumns } from '../../sessions/session-columns';

const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginDto {
  @ApiProperty({ example: 'admin@acme.example', maxLength: 320 })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password', maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh; it is single-use', example: 'rt_3q2v…' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT access token; send as `Authorization: Bearer <token>`' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque refresh token; exchange it at the refresh route, once', example: 'rt_3q2v…' })
  refreshToken: string;

  @ApiProperty({ type: 'integer', description: 'Access token lifetime in seconds', example: 900 })
  expiresIn: number;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';
}

export class LoginResponseDto {
  @ApiPropertyOptional({ description: 'Present when the password was right and no second factor is needed' })
  accessToken?: string;

  @ApiPropertyOptional({ example: 'rt_3q2v…' })
  refreshToken?: string;

  @ApiProperty({ type: 'integer', example: 900, description: 'Lifetime in seconds of the access token (or of the MFA token)' })
  expiresIn: number;

  @ApiPropertyOptional({ enum: ['Bearer'] })
  tokenType?: 'Bearer';

  @ApiPropertyOptional({
    description: 'True when a second factor is needed: answer the MFA verify route with `mfaToken` and a code',
  })
  mfaRequired?: true;

  @ApiPropertyOptional({ description: 'Short-lived (5 min) token for the MFA verify route' })
  mfaToken?: string;
}

export class MfaVerifyDto {
  @ApiProperty({ description: 'The `mfaToken` from the login answer' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  mfaToken: string;

  @ApiProperty({ example: '492039', description: 'A 6-digit code from the authenticator app, or an unused recovery code' })
  @Transform(trim)
  @IsString()
  @MinLength(6)
  @MaxLength(40)
  code: string;
}

export class MfaCodeDto {
  @ApiProperty({ example: '492039', description: 'A 6-digit code from the authenticator app (or, to disable, a recovery code)' })
  @Transform(trim)
  @IsString()
  @MinLength(6)
  @MaxLength(40)
  code: string;
}

export class MfaEnrollmentDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'Base32 secret for apps that cannot scan a QR code' })
  secret: string;

  @ApiProperty({ example: 'otpauth://totp/Acme:ada%40acme.example?secret=…&issuer=Acme', description: 'Render as a QR code' })
  otpauthUrl: string;
}

export class MfaActivationDto extends TokenPairDto {
  @ApiProperty({
    type: [String],
    example: ['3f9a-0c1d-77b2-4e10'],
    description: 'Ten single-use recovery codes, shown this once; a fresh token pair replaces the one used to enrol',
  })
  recoveryCodes: string[];
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    minLength: 12,
    description: '12+ characters, not a common password, not containing your email',
  })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 …' })
  userAgent: string | null;

  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' })
  ip: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  lastSeenAt: Date;

  @ApiProperty()
  expiresAt: Date;

  @ApiProperty({ description: 'The session of the token making this request' })
  current: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: SessionDto, isArray: true })
  items: SessionDto[];
}

/** A session as its account or an admin sees it; `current` marks the caller's own. */
export function sessionList(sessions: SessionColumns[], currentSessionId?: string): SessionListDto {
  return {
    items: sessions.map((s) => ({
      id: s.id,
      userAgent: s.userAgent,
      ip: s.ip,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      current: s.id === currentSessionId,
    })),
  };
}

export class RevokedCountDto {
  @ApiProperty({ type: 'integer', example: 3 })
  revoked: number;
}

export class LoginEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['success', 'failure', 'locked', 'mfa_challenge', 'mfa_failure'] })
  outcome: string;

  @ApiProperty({ example: 'password' })
  method: string;

  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' })
  ip: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 …' })
  userAgent: string | null;

  @ApiProperty()
  createdAt: Date;
}

export class HistoryQueryDto extends PageQueryDto {}

export class EmailDto {
  @ApiProperty({ example: 'ada@acme.example' })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class TokenDto {
  @ApiProperty({ description: 'The token from the emailed link', example: 'ev_Qm9…' })
  @IsString()
  @Matches(/^[a-z]{2,3}_[A-Za-z0-9_-]{20,100}$/, { message: 'token is malformed' })
  token: string;
}

export class ResetPasswordDto extends TokenDto {
  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class AcceptInvitationDto extends TokenDto {
  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;
}

export class AcceptedDto {
  @ApiProperty({ example: 'If an account uses this address, an email is on its way.' })
  message: string;
}

export class UserSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ada@acme.example' })
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ enum: ['invited', 'active', 'deactivated'] })
  status: string;
}
