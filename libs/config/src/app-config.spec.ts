import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AppConfig,
  configVariables,
  ConfigError,
  DEV_AUDIT_SECRET,
  DEV_ENCRYPTION_KEYS,
  DEV_JWT_SECRET,
  loadConfig,
  SETTINGS_GROUPS,
  settingsSlice,
} from './app-config';
import { AuthSettings } from './settings/auth.settings';
import { settingsOf } from './settings/setting';
import { WebhookSettings } from './settings/webhook.settings';

const URLS = { DATABASE_URL: 'postgres://app@db.internal:5432/stratum', REDIS_URL: 'redis://cache.internal:6379' };

/** The ConfigError thrown by `fn`; fails the test when nothing (or something else) is thrown. */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}

const productionEnv = (overrides: Record<string, string> = {}) => ({
  ...URLS,
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(32).toString('hex'),
  AUDIT_HMAC_SECRET: randomBytes(32).toString('hex'),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  ...overrides,
});

describe('loadConfig', () => {
  it('names a missing DATABASE_URL and REDIS_URL, each of them', () => {
    const err = configError(() => loadConfig({}));
    expect(err.problems).toEqual(expect.arrayContaining(['DATABASE_URL is required', 'REDIS_URL is required']));
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).toContain('REDIS_URL');

    const onlyRedis = configError(() => loadConfig({ DATABASE_URL: URLS.DATABASE_URL }));
    expect(onlyRedis.problems).toEqual(['REDIS_URL is required']);
  });

  it('names a connection URL of the wrong kind', () => {
    const err = configError(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z', REDIS_URL: 'http://cache' }));
    expect(err.problems.some((p) => p.startsWith('DATABASE_URL:'))).toBe(true);
    expect(err.problems.some((p) => p.startsWith('REDIS_URL:'))).toBe(true);
  });

  it('names a bad PORT (not a number, out of range) and nothing else', () => {
    for (const PORT of ['abc', '70000', '-1', '3.5']) {
      const err = configError(() => loadConfig({ ...URLS, PORT }));
      expect(err.problems, PORT).toHaveLength(1);
      expect(err.problems[0], PORT).toMatch(/^PORT: /);
      expect(err.message).toContain('PORT');
    }
  });

  it('lists every bad variable at once', () => {
    const err = configError(() =>
      loadConfig({ ...URLS, PORT: 'x', LOG_LEVEL: 'loud', JWT_SECRET: 'short', BODY_LIMIT: 'lots', SWAGGER_ENABLED: 'maybe' }),
    );
    for (const name of ['PORT', 'LOG_LEVEL', 'JWT_SECRET', 'BODY_LIMIT', 'SWAGGER_ENABLED']) {
      expect(
        err.problems.some((p) => p.startsWith(`${name}:`)),
        `${name} in ${err.problems.join(' | ')}`,
      ).toBe(true);
    }
  });

  it('applies the documented defaults and converts numbers and booleans', () => {
    const config = loadConfig({ ...URLS });
    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_POOL_SIZE: 20,
      REDIS_KEY_PREFIX: 'stratum',
      JWT_SECRET: DEV_JWT_SECRET,
      JWT_ACCESS_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_DAYS: 30,
      BODY_LIMIT: '1mb',
      LOG_LEVEL: 'info',
      SWAGGER_ENABLED: true,
      ENCRYPTION_KEYS: DEV_ENCRYPTION_KEYS,
    });
    expect(config.DATABASE_URL).toBe(URLS.DATABASE_URL);
    expect(config.isProduction).toBe(false);
    // Unset, these follow where the process runs: pretty logs on a terminal, any free worker port.
    expect(config.logPretty).toBe(process.stdout.isTTY === true);
    expect(config.workerHealthPort).toBe(0);
    const production = loadConfig(productionEnv());
    expect(production.workerHealthPort).toBe(3001);
    expect(production.logPretty).toBe(false);

    const custom = loadConfig({ ...URLS, PORT: '8080', DATABASE_POOL_SIZE: '5', SWAGGER_ENABLED: 'false', LOG_PRETTY: 'yes' });
    expect(custom.PORT).toBe(8080);
    expect(custom.DATABASE_POOL_SIZE).toBe(5);
    expect(custom.SWAGGER_ENABLED).toBe(false);
    expect(custom.LOG_PRETTY).toBe(true);
  });

  it('ignores variables it does not know', () => {
    const config = loadConfig({ ...URLS, PATH: '/usr/bin', SOMETHING_ELSE: 'x' });
    expect(config).not.toHaveProperty('PATH');
    expect(config).not.toHaveProperty('SOMETHING_ELSE');
  });

  it('refuses to start in production with the development JWT secret', () => {
    const withDefault = configError(() => loadConfig(productionEnv({ JWT_SECRET: DEV_JWT_SECRET })));
    expect(withDefault.problems).toEqual(['JWT_SECRET must be set to a secret of your own in production']);

    const { JWT_SECRET: _omitted, ...withoutSecret } = productionEnv();
    const unset = configError(() => loadConfig(withoutSecret));
    expect(unset.problems.some((p) => p.startsWith('JWT_SECRET'))).toBe(true);
  });

  it('refuses the development audit key in production', () => {
    const err = configError(() => loadConfig(productionEnv({ AUDIT_HMAC_SECRET: DEV_AUDIT_SECRET })));
    expect(err.problems).toEqual(['AUDIT_HMAC_SECRET must be set to a secret of your own in production']);
  });

  it('refuses the development encryption key in production', () => {
    const err = configError(() => loadConfig(productionEnv({ ENCRYPTION_KEYS: DEV_ENCRYPTION_KEYS })));
    expect(err.problems.some((p) => p.startsWith('ENCRYPTION_KEYS'))).toBe(true);
  });

  it('refuses WEBHOOKS_ALLOW_LOOPBACK in production, and allows it elsewhere', () => {
    const err = configError(() => loadConfig(productionEnv({ WEBHOOKS_ALLOW_LOOPBACK: 'true' })));
    expect(err.problems).toEqual(['WEBHOOKS_ALLOW_LOOPBACK is for development and tests; it is refused in production']);
    expect(loadConfig(productionEnv()).WEBHOOKS_ALLOW_LOOPBACK).toBe(false);
    expect(loadConfig({ ...URLS, NODE_ENV: 'test', WEBHOOKS_ALLOW_LOOPBACK: 'true' }).WEBHOOKS_ALLOW_LOOPBACK).toBe(true);
  });

  it('allows no private identity provider host by default, the listed ones in production too, and refuses a malformed list', () => {
    expect(loadConfig(productionEnv()).ssoPrivateHosts.empty).toBe(true);
    const onPremises = loadConfig(productionEnv({ SSO_ALLOWED_PRIVATE_HOSTS: 'idp.corp.example, 10.20.0.0/16' })).ssoPrivateHosts;
    expect(onPremises.allowsName('idp.corp.example')).toBe(true);
    expect(onPremises.allowsName('other.corp.example')).toBe(false);
    expect(onPremises.ranges).toHaveLength(1);
    const err = configError(() =>
      loadConfig({ ...URLS, SSO_ALLOWED_PRIVATE_HOSTS: 'idp.corp.example,https://idp.corp.example' }),
    );
    expect(err.problems).toEqual([
      'SSO_ALLOWED_PRIVATE_HOSTS: "https://idp.corp.example" is neither a host name (optionally *.-prefixed) nor an address or CIDR',
    ]);
  });

  it('reads the webhook retry schedule and refuses a malformed one', () => {
    expect(loadConfig({ ...URLS }).webhookRetryDelays).toEqual([0, 5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000]);
    expect(loadConfig({ ...URLS, WEBHOOK_RETRY_DELAYS_MS: '0,100,200' }).webhookRetryDelays).toEqual([0, 100, 200]);
    for (const WEBHOOK_RETRY_DELAYS_MS of ['', '0,,5', '1s,2s', '-1', '0, 5']) {
      const err = configError(() => loadConfig({ ...URLS, WEBHOOK_RETRY_DELAYS_MS }));
      expect(err.problems[0], WEBHOOK_RETRY_DELAYS_MS).toMatch(/^WEBHOOK_RETRY_DELAYS_MS/);
    }
  });

  it('accepts production with secrets of its own', () => {
    const env = productionEnv();
    const config = loadConfig(env);
    expect(config.isProduction).toBe(true);
    expect(config.JWT_SECRET).toBe(env.JWT_SECRET);
  });

  it('only requires the connection URLs named in `needs`', () => {
    expect(() => loadConfig({}, [])).not.toThrow();
    expect(loadConfig({ DATABASE_URL: URLS.DATABASE_URL }, ['DATABASE_URL']).REDIS_URL).toBeUndefined();
    const err = configError(() => loadConfig({}, ['REDIS_URL']));
    expect(err.problems).toEqual(['REDIS_URL is required']);
    // A URL that is given is still validated, needed or not.
    const bad = configError(() => loadConfig({ DATABASE_URL: 'not-a-url' }, []));
    expect(bad.problems.some((p) => p.startsWith('DATABASE_URL:'))).toBe(true);
  });
});

describe('settings groups', () => {
  it('declares every variable in exactly one group (NODE_ENV, which every group has, aside)', () => {
    const owners = new Map<string, string[]>();
    for (const group of SETTINGS_GROUPS) {
      for (const { name } of settingsOf(group).filter((s) => s.name !== 'NODE_ENV')) {
        owners.set(name, [...(owners.get(name) ?? []), group.name]);
      }
    }
    expect([...owners].filter(([, groups]) => groups.length > 1)).toEqual([]);
    expect(configVariables()).toEqual(['NODE_ENV', ...owners.keys()]);
  });

  it('gives each slice its own settings and accessors from the loaded configuration, and nothing else', () => {
    const config = loadConfig({ ...URLS, NODE_ENV: 'test', WEBHOOK_RETRY_DELAYS_MS: '0,100', WEBHOOK_TIMEOUT_MS: '2500' });
    const webhooks = settingsSlice(config, WebhookSettings);
    expect(webhooks).toBeInstanceOf(WebhookSettings);
    expect(webhooks.WEBHOOK_TIMEOUT_MS).toBe(2500);
    expect(webhooks.webhookRetryDelays).toEqual([0, 100]);
    expect(webhooks.NODE_ENV).toBe('test');
    expect(webhooks).not.toHaveProperty('JWT_SECRET');
    expect(webhooks).not.toHaveProperty('DATABASE_URL');

    const auth = settingsSlice(loadConfig(productionEnv()), AuthSettings);
    expect(auth.isProduction).toBe(true);
    expect(auth.platformMfaRequired).toBe(true);
    expect(auth.jwtKeys.currentId).toBe('k1');
  });

  it('never prints a sensitive value: JSON, inspection and toString show it redacted', () => {
    const env = productionEnv({
      SMTP_URL: 'smtp://mailer:smtp-password-42@mail.internal:587',
      METRICS_TOKEN: 'metrics-token-0123456789',
      DATABASE_URL: 'postgres://app:db-password-42@db.internal:5432/stratum',
    });
    const config = loadConfig(env);
    const secrets = [
      env.JWT_SECRET,
      env.AUDIT_HMAC_SECRET,
      env.ENCRYPTION_KEYS,
      'smtp-password-42',
      'metrics-token',
      'db-password-42',
    ];
    for (const printed of [
      JSON.stringify(config),
      inspect(config),
      String(config),
      `${config}`,
      inspect(settingsSlice(config, AuthSettings)),
      JSON.stringify({ nested: config }),
    ]) {
      for (const secret of secrets) expect(printed).not.toContain(secret);
      expect(printed).toContain('[redacted]');
    }
    // What is not secret is still shown.
    expect(JSON.parse(JSON.stringify(config))).toMatchObject({ PORT: 3000, NODE_ENV: 'production', JWT_SECRET: '[redacted]' });
  });
});
