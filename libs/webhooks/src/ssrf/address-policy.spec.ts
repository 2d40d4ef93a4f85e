import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-policy';

const refused = (address: string, range: string, allowLoopback = false) => {
  const verdict = classifyAddress(address, { allowLoopback });
  expect(verdict, address).toEqual({ address, allowed: false, range });
};

describe('classifyAddress', () => {
  it('allows public unicast addresses, IPv4 and IPv6', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(classifyAddress(address), address).toMatchObject({ allowed: true, range: 'unicast' });
    }
  });

  it('refuses loopback', () => {
    refused('127.0.0.1', 'loopback');
    refused('127.255.1.2', 'loopback');
    refused('::1', 'loopback');
    refused('::ffff:127.0.0.1', 'loopback');
  });

  it('refuses the private ranges 10/8, 172.16/12, 192.168/16 and fc00::/7', () => {
    for (const a of ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.0.1', '192.168.255.255']) {
      refused(a, 'private');
    }
    refused('::ffff:10.0.0.1', 'private');
    refused('fc00::1', 'uniqueLocal');
    refused('fd12:3456::1', 'uniqueLocal');
  });

  it('refuses link-local, cloud metadata services included, and fe80::/10', () => {
    refused('169.254.169.254', 'linkLocal');
    refused('169.254.0.1', 'linkLocal');
    refused('fe80::1', 'linkLocal');
    refused('febf::1', 'linkLocal');
  });

  it('refuses unspecified and multicast addresses', () => {
    refused('0.0.0.0', 'unspecified');
    refused('0.1.2.3', 'unspecified');
    refused('::', 'unspecified');
    refused('224.0.0.1', 'multicast');
    refused('239.255.255.250', 'multicast');
    refused('ff02::1', 'multicast');
  });

  it('refuses the other non-public ranges', () => {
    refused('255.255.255.255', 'broadcast');
    refused('100.64.0.1', 'carrierGradeNat');
    refused('192.0.2.1', 'reserved');
    refused('198.18.0.1', 'reserved');
    refused('240.0.0.1', 'reserved');
    refused('2001:db8::1', 'reserved');
    // IPv6 transition addresses can carry a private IPv4 address.
    refused('64:ff9b::a00:1', 'rfc6052');
    refused('2002:a00:1::1', '6to4');
    refused('fec0::1', 'deprecatedSiteLocal');
  });

  it('allows loopback, and nothing else, when loopback is allowed', () => {
    for (const address of ['127.0.0.1', '127.10.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(classifyAddress(address, { allowLoopback: true }), address).toMatchObject({ allowed: true, range: 'loopback' });
    }
    refused('10.0.0.1', 'private', true);
    refused('169.254.169.254', 'linkLocal', true);
    refused('0.0.0.0', 'unspecified', true);
    refused('fe80::1', 'linkLocal', true);
    refused('224.0.0.1', 'multicast', true);
  });

  it('refuses what is not an address', () => {
    refused('example.com', 'invalid');
    refused('', 'invalid');
  });
});
