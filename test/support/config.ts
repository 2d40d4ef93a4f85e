import { AppConfig, loadConfig } from '@stratum/config';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

export const SUPERADMIN = { email: 'root@stratum.test', password: 'super-admin-test-password' };

const RELAXED = '1000000';
export const RELAXED_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_PER_MINUTE: RELAXED,
  RATE_LIMIT_ACCOUNT_PER_MINUTE: RELAXED,
  RATE_LIMIT_LOGIN_PER_MINUTE: RELAXED,
  RATE_LIMIT_PASSWORD_RESET_PER_MINUTE: RELAXED,
  RATE_LIMIT_MFA_PER_MINUTE: RELAXED,
  RATE_LIMIT_SSO_EXCHANGE_PER_MINUTE: RELAXED,
  RATE_LIMIT_INVITATION_PER_MINUTE: RELAXED,
};

/** The configuration every test app starts from; override what a test is about. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnv(overrides));
}

/** testConfig's settings as environment variables, for an API or worker started as a process of its own. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: inject('redisPrefix'),
    JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
    SUPERADMIN_EMAIL: SUPERADMIN.email,
    SUPERADMIN_PASSWORD: SUPERADMIN.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_POOL_SIZE: '10',
    WORKER_HEALTH_PORT: '0',
    MAIL_DIR: join(tmpdir(), `stratum-test-mail-${inject('redisPrefix')}`),
    PUBLIC_APP_URL: 'http://app.stratum.test',
    // Every file calls from 127.0.0.1 under one Redis prefix, logins included: rate limits stay on,
    // out of reach. test/hardening sets low ones (and a prefix of its own) where it tests them.
    ...RELAXED_RATE_LIMITS,
    ...overrides,
  };
}

/**
 * Overrides giving a test file queues of its own: an API and a worker started with the same
 * overrides talk to each other, and to no other file's worker (files run in parallel).
 */
export function ownQueues(): Record<string, string> {
  return { REDIS_KEY_PREFIX: `${inject('redisPrefix')}-${randomBytes(4).toString('hex')}` };
}

/**
 * Overrides that run the app as the login role of deploy/postgres/app-role.sql (not a superuser),
 * in the database of its own the global setup migrated as that role.
 */
export function asAppRole(): Record<string, string> {
  return { DATABASE_URL: inject('appDatabaseUrl') };
}
