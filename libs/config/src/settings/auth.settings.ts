import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { JwtKeys, KID } from '../jwt-keys';
import { emptyToUndefined, IntRange, Setting, Settings, SettingsGroup, toBool } from './setting';

/** Secret that ships in the code for development; production refuses to start with it. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789abcdef';

/** Sign-in: tokens and their keys, sessions, lockout, MFA of platform staff, the first super admin. */
@SettingsGroup('auth', 'Sign-in and tokens')
export class AuthSettings extends Settings {
  @Setting({
    description: 'HS256 signing secret for access tokens, 32+ characters; must be set in production',
    sensitive: true,
    example: 'change-me-to-32-or-more-random-characters',
  })
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Setting({ description: "key id of `JWT_SECRET`, written in every token's `kid` header" })
  @IsString()
  @Matches(KID, { message: 'JWT_KEY_ID may hold letters, digits, "_", "." and "-" (up to 64)' })
  JWT_KEY_ID = 'k1';

  @Setting({
    description: 'retired signing keys, `kid:secret[,kid:secret…]`: tokens they signed still verify until they expire',
    sensitive: true,
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  JWT_PREVIOUS_KEYS?: string;

  /** The current and retired signing keys. */
  get jwtKeys(): JwtKeys {
    return new JwtKeys(this.JWT_KEY_ID, this.JWT_SECRET, JwtKeys.parsePrevious(this.JWT_PREVIOUS_KEYS));
  }

  @Setting({ description: 'access token lifetime' })
  @IntRange(60, 3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Setting({ description: 'refresh token (session) lifetime' })
  @IntRange(1, 365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Setting({ description: 'consecutive failed logins that lock an account (tenants may set `lockoutThreshold`)' })
  @IntRange(1, 100)
  LOCKOUT_THRESHOLD = 5;

  @Setting({ description: 'how long a locked account stays locked (tenants may set `lockoutMinutes`)' })
  @IntRange(1, 1440)
  LOCKOUT_MINUTES = 30;

  @Setting({
    description: 'platform staff must enrol TOTP before doing anything else',
    default: '`true` in production, else `false`',
  })
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  PLATFORM_MFA_REQUIRED?: boolean;

  get platformMfaRequired(): boolean {
    return this.PLATFORM_MFA_REQUIRED ?? this.isProduction;
  }

  @Setting({
    description:
      'with `SUPERADMIN_PASSWORD`, the API creates this super admin at start if no platform user has that email (idempotent; an existing account is left alone)',
    example: 'admin@stratum.local',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  SUPERADMIN_EMAIL?: string;

  @Setting({
    description: 'password of the super admin `SUPERADMIN_EMAIL` names (12+ characters, 16+ in production)',
    sensitive: true,
    example: 'a-long-password',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'SUPERADMIN_PASSWORD must be at least 12 characters' })
  SUPERADMIN_PASSWORD?: string;
}
