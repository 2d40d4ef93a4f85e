import { KeyRing } from '@stratum/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AuthSettings, DEV_JWT_SECRET } from './settings/auth.settings';
import { DatabaseSettings } from './settings/database.settings';
import { DEV_AUDIT_SECRET, DEV_ENCRYPTION_KEYS, KeySettings } from './settings/key.settings';
import { MailSettings } from './settings/mail.settings';
import { ObservabilitySettings } from './settings/observability.settings';
import { RateLimitSettings } from './settings/rate-limit.settings';
import { RedisSettings } from './settings/redis.settings';
import { ServerSettings } from './settings/server.settings';
import { Settings, settingsOf } from './settings/setting';
import { SsoSettings } from './settings/sso.settings';
import { TenancySettings } from './settings/tenancy.settings';
import { WebhookSettings } from './settings/webhook.settings';

export { DEV_AUDIT_SECRET, DEV_ENCRYPTION_KEYS, DEV_JWT_SECRET };

export type SettingsGroupClass = new () => Settings;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * The groups of settings the API, the worker and the CLI read, in the order the documentation
 * lists them. ConfigModule provides each as an injectable slice of the one loaded AppConfig.
 */
export const SETTINGS_GROUPS = [
  ServerSettings,
  DatabaseSettings,
  RedisSettings,
  TenancySettings,
  AuthSettings,
  KeySettings,
  MailSettings,
  SsoSettings,
  WebhookSettings,
  RateLimitSettings,
  ObservabilitySettings,
] as const satisfies readonly SettingsGroupClass[];

/** One class with every group's settings and accessors, so the apps can hand one object around. */
function composeSettings<G extends readonly SettingsGroupClass[]>(groups: G) {
  class Composed {
    constructor() {
      for (const group of groups) Object.assign(this, new group());
    }
  }
  for (const group of groups) {
    for (let proto = group.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Reflect.ownKeys(proto)) {
        if (key === 'constructor' || Object.prototype.hasOwnProperty.call(Composed.prototype, key)) continue;
        Object.defineProperty(Composed.prototype, key, Object.getOwnPropertyDescriptor(proto, key)!);
      }
    }
  }
  return Composed as unknown as new () => UnionToIntersection<InstanceType<G[number]>>;
}

/**
 * Every setting the product reads from the environment, validated once at start. Property
 * names are the environment variable names, so an error names exactly what to fix. Services
 * inject the slice they use (WebhookSettings, RedisSettings…); this whole is for composition.
 */
export class AppConfig extends composeSettings(SETTINGS_GROUPS) {}

/** A group's settings taken from the loaded configuration, as an instance of the group's class. */
export function settingsSlice<T extends Settings>(config: AppConfig, group: new () => T): T {
  const slice = new group() as unknown as Record<string, unknown>;
  const values = config as unknown as Record<string, unknown>;
  for (const { name } of settingsOf(group)) slice[name] = values[name];
  return slice as unknown as T;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type ServiceNeed = 'DATABASE_URL' | 'REDIS_URL';

/**
 * The environment variables the product reads: every declared setting of every group, so there
 * is no separate list to forget (deployment files and the docs are checked against it).
 */
export function configVariables(): string[] {
  return [...new Set(SETTINGS_GROUPS.flatMap((group) => settingsOf(group).map((s) => s.name)))];
}

/**
 * Reads and validates the environment; throws a ConfigError naming every bad variable.
 * `needs` lists the connection URLs the caller cannot run without (migrations need no Redis).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  needs: ServiceNeed[] = ['DATABASE_URL', 'REDIS_URL'],
): AppConfig {
  const config = new AppConfig();
  // A Set: the settings every group shares (NODE_ENV) are checked with each group.
  const invalid = new Set<string>();
  for (const group of SETTINGS_GROUPS as readonly SettingsGroupClass[]) {
    const input: Record<string, unknown> = {};
    for (const { name } of settingsOf(group)) {
      if (env[name] !== undefined) input[name] = env[name];
    }
    const slice = plainToInstance(group, input, { exposeDefaultValues: true });
    for (const error of validateSync(slice, { skipMissingProperties: false })) {
      const value = (slice as unknown as Record<string, unknown>)[error.property];
      const messages = Object.values(error.constraints ?? {});
      invalid.add(value === undefined ? `${error.property} is required` : `${error.property}: ${messages.join('; ')}`);
    }
    Object.assign(config, slice);
  }
  const problems: string[] = needs.filter((need) => !config[need]).map((need) => `${need} is required`);
  problems.push(...invalid);
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
