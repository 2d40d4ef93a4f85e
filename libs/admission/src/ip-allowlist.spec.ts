import { describe, expect, it } from 'vitest';
import { rateLimitAddress } from './client-address';
import { IpAllowlist } from './ip-allowlist';

describe('IpAllowlist', () => {
  const list = new IpAllowlist(['203.0.113.0/24', '198.51.100.7', '2001:db8:1::/48', '::ffff:192.0.2.0/120']);

  it('allows addresses inside its IPv4 and IPv6 ranges and single addresses', () => {
    for (const ip of ['203.0.113.0', '203.0.113.255', '198.51.100.7', '2001:db8:1::1', '2001:db8:1:ffff::9', '192.0.2.44']) {
      expect(list.allows(ip), ip).toBe(true);
    }
  });

  it('refuses addresses outside them, and anything that is not an address', () => {
    for (const ip of ['203.0.114.1', '198.51.100.8', '2001:db8:2::1', '127.0.0.1', '::1', '', 'not-an-ip', undefined]) {
      expect(list.allows(ip), String(ip)).toBe(false);
    }
  });

  it('judges an IPv4-mapped IPv6 address (as Node reports IPv4 clients on dual-stack sockets) as its IPv4 address', () => {
    expect(list.allows('::ffff:203.0.113.9')).toBe(true);
    expect(list.allows('::ffff:10.0.0.1')).toBe(false);
  });

  it('ignores entries that do not parse instead of matching everything', () => {
    const broken = new IpAllowlist([':::::', '10.0.0.0/99', 'example.com']);
    expect(broken.allows('10.0.0.1')).toBe(false);
    expect(broken.allows('::')).toBe(false);
  });
});

describe('rateLimitAddress', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(rateLimitAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitAddress('2001:db8:1:2:aaaa::1')).toBe(rateLimitAddress('2001:db8:1:2:bbbb::2'));
    expect(rateLimitAddress('2001:db8:1:2::1')).not.toBe(rateLimitAddress('2001:db8:1:3::1'));
    expect(rateLimitAddress(undefined)).toBe('unknown');
  });
});
