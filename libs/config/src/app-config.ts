import { KeyRing } from '@stratum/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsFQDN,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  getMetadataStorage,
  validateSync,
} from 'class-validator';

/** Secrets that ship in the code for development; production refuses to start with them. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789abcdef';
export const DEV_AUDIT_SECRET = 'dev-only-audit-hmac-secret-0123456789abcdef';
export const DEV_ENCRYPTION_KEYS = 'dev:ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? false
        : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting the product reads from the environment, validated once at start.
 * Property names are the environment variable names, so an error names exactly what to fix.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  @IsString()
  @MaxLength(63)
  DATABASE_APPLICATION_NAME = 'stratum';

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, ":", "_" and "-"' })
  REDIS_KEY_PREFIX = 'stratum';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  /** HMAC key of the audit hash chain (32+ characters); must be set in production. */
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_SECRET must be at least 32 characters' })
  AUDIT_HMAC_SECRET = DEV_AUDIT_SECRET;

  /** `id:base64key[,id:base64key…]`: 32-byte AES keys for secrets at rest; the first is current. */
  @IsString()
  ENCRYPTION_KEYS = DEV_ENCRYPTION_KEYS;

  /** Which key of ENCRYPTION_KEYS encrypts new secrets (default: the first). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ENCRYPTION_KEY_ID?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  SUPERADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'SUPERADMIN_PASSWORD must be at least 12 characters' })
  SUPERADMIN_PASSWORD?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsFQDN({ require_tld: false })
  TENANT_BASE_DOMAIN?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  TENANT_CACHE_TTL_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  TENANT_PURGE_GRACE_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  MIGRATE_CONCURRENCY = 4;

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb, 512kb or 1048576b' })
  BODY_LIMIT = '1mb';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool)
  @IsBoolean()
  LOG_PRETTY = false;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  /** Platform staff must use MFA. Unset: required in production, not in development. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  PLATFORM_MFA_REQUIRED?: boolean;

  /** Consecutive failed logins that lock an account (tenants may set their own). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOCKOUT_THRESHOLD = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOCKOUT_MINUTES = 30;

  get platformMfaRequired(): boolean {
    return this.PLATFORM_MFA_REQUIRED ?? this.isProduction;
  }

  /** Where people open links sent by email (invitations, password resets): the product's front end. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_APP_URL must be an http(s) URL' })
  PUBLIC_APP_URL = 'http://localhost:3000';

  /** smtp://user:pass@host:port or smtps://…; without it (development) emails are written to MAIL_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Stratum <no-reply@stratum.local>';

  @IsString()
  MAIL_DIR = '.data/mail';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(25)
  MAIL_ATTEMPTS = 8;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type ServiceNeed = 'DATABASE_URL' | 'REDIS_URL';

/**
 * Reads and validates the environment; throws a ConfigError naming every bad variable.
 * `needs` lists the connection URLs the caller cannot run without (migrations need no Redis).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  needs: ServiceNeed[] = ['DATABASE_URL', 'REDIS_URL'],
): AppConfig {
  // Every property with validation rules is a variable we read; no separate list to forget.
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((m) => m.propertyName),
  );
  const input: Record<string, unknown> = {};
  for (const key of known) {
    if (env[key] !== undefined) input[key] = env[key];
  }
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const problems: string[] = [];
  for (const need of needs) {
    if (!config[need]) problems.push(`${need} is required`);
  }
  for (const error of validateSync(config, { skipMissingProperties: false })) {
    const value = (config as unknown as Record<string, unknown>)[error.property];
    const messages = Object.values(error.constraints ?? {});
    problems.push(value === undefined ? `${error.property} is required` : `${error.property}: ${messages.join('; ')}`);
  }
  try {
    KeyRing.parse(config.ENCRYPTION_KEYS, config.ENCRYPTION_KEY_ID);
  } catch (err) {
    problems.push(`ENCRYPTION_KEYS: ${(err as Error).message}`);
  }
  if (config.isProduction) {
    if (config.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET must be set to a secret of your own in production');
    if (config.AUDIT_HMAC_SECRET === DEV_AUDIT_SECRET)
      problems.push('AUDIT_HMAC_SECRET must be set to a secret of your own in production');
    if (config.ENCRYPTION_KEYS.split(',').some((k: string) => DEV_ENCRYPTION_KEYS.endsWith(k.split(':')[1] ?? '-'))) {
      problems.push('ENCRYPTION_KEYS must not contain the development key in production');
    }
    if (config.SUPERADMIN_PASSWORD && config.SUPERADMIN_EMAIL && config.SUPERADMIN_PASSWORD.length < 16) {
      problems.push('SUPERADMIN_PASSWORD must be at least 16 characters in production');
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
