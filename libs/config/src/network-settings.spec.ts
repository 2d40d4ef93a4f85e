import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';

const URLS = { DATABASE_URL: 'postgres://app@db.internal:5432/stratum', REDIS_URL: 'redis://cache.internal:6379' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...URLS, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  return [];
}

describe('network settings', () => {
  it('TRUST_PROXY: off by default; true, false, hop counts and address/CIDR lists as Express takes them', () => {
    expect(loadConfig(URLS).trustProxy).toBe(false);
    expect(loadConfig({ ...URLS, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...URLS, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...URLS, TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
  });

  it('TRUST_PROXY: anything else is named', () => {
    for (const TRUST_PROXY of ['yes please', '10.0.0.0/33', 'example.com', ',']) {
      const problems = problemsOf({ TRUST_PROXY });
      expect(problems, TRUST_PROXY).toHaveLength(1);
      expect(problems[0]).toMatch(/^TRUST_PROXY: /);
    }
  });

  it('CORS_ORIGINS: none by default; a list of origins; a path or a wildcard is named', () => {
    expect(loadConfig(URLS).corsOrigins).toEqual([]);
    expect(loadConfig({ ...URLS, CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    for (const CORS_ORIGINS of ['https://app.example.com/path', '*', 'app.example.com']) {
      expect(problemsOf({ CORS_ORIGINS })[0], CORS_ORIGINS).toMatch(/^CORS_ORIGINS: /);
    }
  });

  it('rate limits: on, per minute, with the documented defaults', () => {
    expect(loadConfig(URLS)).toMatchObject({
      RATE_LIMIT_ENABLED: true,
      RATE_LIMIT_WINDOW_MS: 60_000,
      RATE_LIMIT_PER_MINUTE: 600,
      RATE_LIMIT_ACCOUNT_PER_MINUTE: 5,
      RATE_LIMIT_LOGIN_PER_MINUTE: 20,
      RATE_LIMIT_PASSWORD_RESET_PER_MINUTE: 5,
      RATE_LIMIT_MFA_PER_MINUTE: 10,
      RATE_LIMIT_SSO_EXCHANGE_PER_MINUTE: 10,
      RATE_LIMIT_INVITATION_PER_MINUTE: 10,
    });
    expect(problemsOf({ RATE_LIMIT_LOGIN_PER_MINUTE: '0', RATE_LIMIT_WINDOW_MS: '10' })).toHaveLength(2);
  });

  it('DNS_SERVERS: the system resolvers by default; IP addresses with optional ports; host names are named', () => {
    expect(loadConfig(URLS).dnsServers).toEqual([]);
    expect(loadConfig({ ...URLS, DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,[2606:4700::1111]:53,::1' }).dnsServers).toEqual([
      '1.1.1.1',
      '127.0.0.1:5353',
      '[2606:4700::1111]:53',
      '::1',
    ]);
    for (const DNS_SERVERS of ['dns.example.com', '1.1.1.1:0', '1.1.1.1:70000', '[1.1.1.1]:53', '300.1.1.1', ',']) {
      const problems = problemsOf({ DNS_SERVERS });
      expect(problems, DNS_SERVERS).toHaveLength(1);
      expect(problems[0]).toMatch(/^DNS_SERVERS: /);
    }
  });
});
