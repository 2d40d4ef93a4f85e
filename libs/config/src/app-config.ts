import { KeyRing, PrivateHosts } from '@stratum/common';
import { parseClusterList } from './database-clusters';
import { JwtKeys, KID } from './jwt-keys';
import {
  isDnsServerList,
  isOriginList,
  isTrustProxy,
  parseDnsServers,
  parseOriginList,
  parseTrustProxy,
} from './network-settings';
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
  ValidateBy,
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
/** Upper bound of every rate limit setting. */
const RATE_LIMIT_MAX = 10_000_000;
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

  /**
   * Each pooled connection serves its own share of the tenants first (a hash of the tenant),
   * another free connection only when that one is busy: PostgreSQL backends keep the catalogue
   * entries of the schemas they have touched, so a tenant keeps finding them warm, and each
   * backend caches a share of the tenants instead of all of them.
   */
  @Transform(toBool)
  @IsBoolean()
  DATABASE_POOL_AFFINITY = true;

  /**
   * With DATABASE_POOL_AFFINITY, how long a tenant's work waits for its own connection, busy with
   * other tenants, before it takes any free one: longer keeps more requests on warm backends (less
   * PostgreSQL work per request) at the cost of some queueing. A tenant's work never waits for a
   * connection busy with that same tenant.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  DATABASE_POOL_AFFINITY_WAIT_MS = 200;

  /**
   * With DATABASE_POOL_AFFINITY, a pooled connection is closed once it has served this many
   * distinct tenants: what a backend caches grows with the schemas it touches and is never freed,
   * so this bounds the memory of each connection; 0 never.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  DATABASE_POOL_MAX_TENANTS = 1_000;

  /**
   * A pooled connection is closed (and a fresh one opened when needed) after this many uses; it
   * also bounds the schemas a backend caches when DATABASE_POOL_AFFINITY is off; 0 never recycles.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  DATABASE_POOL_MAX_USES = 50_000;

  /** A pooled connection is closed once it is this old (checked when it goes back to the pool); 0 never. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(604_800)
  DATABASE_POOL_MAX_LIFETIME_SECONDS = 1_800;

  /**
   * Further PostgreSQL clusters tenants may live on, `name=postgres://…[,name=postgres://…]`.
   * DATABASE_URL is the cluster `main`, which also holds the platform schema.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isClusterList',
    validator: {
      validate: (value: unknown) => {
        try {
          parseClusterList(value as string);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () =>
        'DATABASE_CLUSTERS must be comma-separated name=postgres://… pairs (names: lowercase letters, digits, "_" and "-"; not "main"; each once)',
    },
  })
  DATABASE_CLUSTERS?: string;

  /** The extra clusters of DATABASE_CLUSTERS, by name. */
  get databaseClusters(): Record<string, string> {
    return parseClusterList(this.DATABASE_CLUSTERS);
  }

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, ":", "_" and "-"' })
  REDIS_KEY_PREFIX = 'stratum';

  /**
   * How long a Redis command may wait for its answer, queued while Redis is unreachable
   * included: a request that needs Redis then fails (503) instead of hanging.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS = 2_000;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  /** Bearer token of GET /metrics (Prometheus); unset, the route does not exist. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Key id of JWT_SECRET, written in every token's `kid` header. */
  @IsString()
  @Matches(KID, { message: 'JWT_KEY_ID may hold letters, digits, "_", "." and "-" (up to 64)' })
  JWT_KEY_ID = 'k1';

  /** Retired signing keys, `kid:secret[,kid:secret…]`: tokens they signed still verify until they expire. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  JWT_PREVIOUS_KEYS?: string;

  /** The current and retired signing keys. */
  get jwtKeys(): JwtKeys {
    return new JwtKeys(this.JWT_KEY_ID, this.JWT_SECRET, JwtKeys.parsePrevious(this.JWT_PREVIOUS_KEYS));
  }

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
  @Max(86_400_000)
  TENANT_CACHE_TTL_MS = 600_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  TENANT_CACHE_MAX_TENANTS = 50_000;

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

  /** Unset: pretty when stdout is a terminal, outside production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  LOG_PRETTY?: boolean;

  get logPretty(): boolean {
    return this.LOG_PRETTY ?? (!this.isProduction && process.stdout.isTTY === true);
  }

  /** The worker's health and metrics port; 0 is any free one. Unset: 3001 in production, 0 otherwise. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;

  get workerHealthPort(): number {
    return this.WORKER_HEALTH_PORT ?? (this.isProduction ? 3001 : 0);
  }

  /**
   * On SIGTERM the API reports not-ready at once but keeps accepting connections this long, so
   * load balancers notice before it stops listening. Unset: 5000 in production, 0 otherwise.
   */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_DELAY_MS?: number;

  get shutdownDelayMs(): number {
    return this.SHUTDOWN_DELAY_MS ?? (this.isProduction ? 5_000 : 0);
  }

  /** After the delay, how long requests in flight may take to finish before connections are closed. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_GRACE_MS = 10_000;

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

  /**
   * The API's own address as browsers and identity providers reach it (scheme, host, optional path
   * prefix; no trailing slash). Identity providers send users back to `<this>/api/v1/auth/sso/callback`.
   */
  @Matches(/^https?:\/\/[^\s?#]+[^\s?#/]$/, { message: 'PUBLIC_API_URL must be an http(s) URL without a trailing slash' })
  PUBLIC_API_URL = 'http://localhost:3000';

  /** Lifetime of the one-time code the SSO callback hands the client (exchanged once for tokens). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  SSO_CODE_TTL_SECONDS = 60;

  /** How long a started SSO sign-in may take at the identity provider (state, nonce and PKCE verifier are kept this long). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  SSO_FLOW_TTL_SECONDS = 600;

  /** Microsoft Entra ID authority (sovereign clouds have their own, e.g. https://login.microsoftonline.us). */
  @Matches(/^https:\/\/[^\s?#]+[^\s?#/]$/, { message: 'SSO_ENTRA_AUTHORITY must be an https URL without a trailing slash' })
  SSO_ENTRA_AUTHORITY = 'https://login.microsoftonline.com';

  /** Issuer of Google Workspace identity providers. */
  @Matches(/^https:\/\/[^\s?#]+[^\s?#/]$/, { message: 'SSO_GOOGLE_ISSUER must be an https URL without a trailing slash' })
  SSO_GOOGLE_ISSUER = 'https://accounts.google.com';

  /** Timeout of each request to an identity provider (discovery, keys, token endpoint). */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(60_000)
  SSO_HTTP_TIMEOUT_MS = 10_000;

  /**
   * The DNS servers that verify SSO domains (TXT lookups), comma-separated `address[:port]`
   * (IP addresses; IPv6 as `[::1]:53`). Unset: the system's resolvers.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isDnsServerList',
    validator: {
      validate: isDnsServerList,
      defaultMessage: () =>
        'DNS_SERVERS must be comma-separated IP addresses with optional ports, e.g. 1.1.1.1,[2606:4700::1111]:53',
    },
  })
  DNS_SERVERS?: string;

  get dnsServers(): string[] {
    return parseDnsServers(this.DNS_SERVERS);
  }

  /** How long a DNS lookup may take in all (retries included); then it fails with TIMEOUT. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(30_000)
  DNS_TIMEOUT_MS = 3000;

  /**
   * Identity provider hosts that may be non-public (on-premises deployments), comma-separated: host
   * names (`idp.corp.example`, `*.corp.example`) whatever they resolve to, and addresses or CIDRs
   * (`10.20.0.0/16`) whatever name leads there. Empty (the default): providers must be public.
   */
  @IsString()
  SSO_ALLOWED_PRIVATE_HOSTS = '';

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

  /**
   * Webhook endpoints on 127.0.0.0/8 and ::1 are accepted (development and tests only; refused in
   * production). Private, link-local and every other non-public address stay refused.
   */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOKS_ALLOW_LOOPBACK = false;

  /** Delay before each delivery attempt, comma-separated; the first is the first attempt's. */
  @Matches(/^\d{1,10}(,\d{1,10}){0,49}$/, {
    message: 'WEBHOOK_RETRY_DELAYS_MS must be comma-separated milliseconds, e.g. 0,5000',
  })
  WEBHOOK_RETRY_DELAYS_MS = '0,5000,300000,1800000,7200000,18000000,36000000,36000000';

  /** How long one delivery attempt may take (connect, send, response). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Deliveries one worker process makes at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(512)
  WEBHOOK_CONCURRENCY = 32;

  /** Deliveries to one endpoint in flight at once, across all workers. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WEBHOOK_ENDPOINT_CONCURRENCY = 4;

  /** An endpoint that fails every attempt for this long is disabled and its tenant's admins emailed. */
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

  /** How often the outbox sweeper looks for deliveries that never reached the queue or got lost there. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  WEBHOOK_SWEEP_INTERVAL_MS = 60_000;

  /** How long a delivery may be overdue before the sweeper queues it again. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(86_400_000)
  WEBHOOK_STUCK_AFTER_MS = 300_000;

  /** Delivery attempts (and finished messages) older than this are purged. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  WEBHOOK_RETENTION_DAYS = 30;

  /** The delivery schedule: WEBHOOK_RETRY_DELAYS_MS as numbers. */
  /** SSO_ALLOWED_PRIVATE_HOSTS, parsed (validated at start). */
  get ssoPrivateHosts(): PrivateHosts {
    return (this.parsedSsoPrivateHosts ??= PrivateHosts.parse(this.SSO_ALLOWED_PRIVATE_HOSTS));
  }

  private parsedSsoPrivateHosts?: PrivateHosts;

  get webhookRetryDelays(): number[] {
    return this.WEBHOOK_RETRY_DELAYS_MS.split(',').map(Number);
  }

  /**
   * Express `trust proxy`: which proxies in front of the API may name the client (X-Forwarded-For).
   * `false` (clients connect directly), `true` (any; only behind a proxy that overwrites the
   * header), a hop count, or comma-separated addresses and CIDR ranges (`loopback`, `linklocal`,
   * `uniquelocal` too). Rate limits, IP allowlists, logs and the audit trail use the result.
   */
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: isTrustProxy,
      defaultMessage: () => 'TRUST_PROXY must be true, false, a hop count or comma-separated addresses/CIDR ranges',
    },
  })
  TRUST_PROXY = 'false';

  get trustProxy(): boolean | number | string[] {
    return parseTrustProxy(this.TRUST_PROXY);
  }

  /** Origins (`https://app.example.com`) browsers may call the API from, comma-separated; unset, no CORS headers. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isOriginList',
    validator: {
      validate: isOriginList,
      defaultMessage: () => 'CORS_ORIGINS must be comma-separated origins such as https://app.example.com (no path)',
    },
  })
  CORS_ORIGINS?: string;

  get corsOrigins(): string[] {
    return parseOriginList(this.CORS_ORIGINS);
  }

  /** Rate limiting (Redis-backed, shared by every API instance); off, no request is limited. */
  @Transform(toBool)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  /** The window rate limits count requests over; the *_PER_MINUTE limits and plans' requestsPerMinute apply per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /** Requests per window of each client: a signed-in user, an API key, or (anonymous) an IP address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per window naming one account (the `email` of a login or password reset request). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  RATE_LIMIT_ACCOUNT_PER_MINUTE = 5;

  /** Login attempts (tenant and platform) per window from one IP address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  RATE_LIMIT_LOGIN_PER_MINUTE = 20;

  /** Password reset requests and confirmations per window from one IP address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  RATE_LIMIT_PASSWORD_RESET_PER_MINUTE = 5;

  /** MFA verifications (login second step) per window from one IP address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  RATE_LIMIT_MFA_PER_MINUTE = 10;

  /** SSO code exchanges per window from one IP address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  RATE_LIMIT_SSO_EXCHANGE_PER_MINUTE = 10;

  /** Invitation acceptances per window from one IP address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX)
  RATE_LIMIT_INVITATION_PER_MINUTE = 10;

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
 * The environment variables the product reads. Every AppConfig property with validation rules is
 * one, so there is no separate list to forget (deployment files are checked against it).
 */
export function configVariables(): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(AppConfig, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
}

/**
 * Reads and validates the environment; throws a ConfigError naming every bad variable.
 * `needs` lists the connection URLs the caller cannot run without (migrations need no Redis).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  needs: ServiceNeed[] = ['DATABASE_URL', 'REDIS_URL'],
): AppConfig {
  const input: Record<string, unknown> = {};
  for (const key of configVariables()) {
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
    void config.jwtKeys;
  } catch (err) {
    problems.push(`JWT_PREVIOUS_KEYS: ${(err as Error).message}`);
  }
  try {
    void config.ssoPrivateHosts;
  } catch (err) {
    problems.push(`SSO_ALLOWED_PRIVATE_HOSTS: ${(err as Error).message}`);
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
    if (config.WEBHOOKS_ALLOW_LOOPBACK) {
      problems.push('WEBHOOKS_ALLOW_LOOPBACK is for development and tests; it is refused in production');
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
