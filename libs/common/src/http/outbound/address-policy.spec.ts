import { describe, expect, it } from 'vitest';
import { AddressAllowances, classifyAddress, parseRange } from './address-policy';

const refused = (address: string, range: string, allowances: AddressAllowances = {}) => {
  expect(classifyAddress(address, allowances), address).toEqual({ address, allowed: false, range });
};
const allowed = (address: string, allowances: AddressAllowances = {}) => {
  expect(classifyAddress(address, allowances).allowed, address).toBe(true);
};

describe('classifyAddress', () => {
  it('allows public unicast addresses, IPv4 and IPv6, and the IPv6 forms carrying a public IPv4', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '192.0.1.1',
      '198.20.0.1',
      '223.255.255.255',
      '2606:4700:4700::1111',
      '2001:4860:4860::8888',
      '2001:200::1',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
    ]) {
      expect(classifyAddress(address), address).toEqual({ address, allowed: true, range: 'public' });
    }
  });

  it('refuses every range of the IPv4 special-purpose registry, multicast, reserved and broadcast', () => {
    const table: [string, string][] = [
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'unspecified'],
      ['10.0.0.1', 'private'],
      ['10.255.255.255', 'private'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['100.127.255.254', 'carrierGradeNat'],
      ['127.0.0.1', 'loopback'],
      ['127.255.1.2', 'loopback'],
      ['169.254.169.254', 'linkLocal'],
      ['169.254.0.1', 'linkLocal'],
      ['172.16.0.1', 'private'],
      ['172.31.255.254', 'private'],
      ['192.0.0.8', 'ietfProtocolAssignments'],
      ['192.0.0.170', 'ietfProtocolAssignments'],
      ['192.0.2.1', 'documentation'],
      ['192.31.196.1', 'as112'],
      ['192.52.193.1', 'amt'],
      ['192.88.99.1', '6to4Relay'],
      ['192.168.0.1', 'private'],
      ['192.168.255.255', 'private'],
      ['192.175.48.1', 'as112'],
      ['198.18.0.1', 'benchmarking'],
      ['198.19.255.255', 'benchmarking'],
      ['198.51.100.7', 'documentation'],
      ['203.0.113.9', 'documentation'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['255.255.255.254', 'reserved'],
      ['255.255.255.255', 'broadcast'],
    ];
    for (const [address, range] of table) refused(address, range);
  });

  it('refuses every range of the IPv6 special-purpose registry, site-local, multicast and what is not global unicast', () => {
    const table: [string, string][] = [
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['64:ff9b:1::a00:1', 'nat64Local'],
      ['64:ff9b:1:ffff::8.8.8.8', 'nat64Local'],
      ['100::1', 'discard'],
      ['100:0:0:1::1', 'dummy'],
      ['2001::1', 'teredo'],
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
      ['2001:1::1', 'ietfProtocolAssignments'],
      ['2001:2::1', 'benchmarking'],
      ['2001:3::1', 'ietfProtocolAssignments'],
      ['2001:4:112::1', 'ietfProtocolAssignments'],
      ['2001:10::1', 'orchid'],
      ['2001:20::1', 'orchid'],
      ['2001:30::1', 'ietfProtocolAssignments'],
      ['2001:db8::1', 'documentation'],
      ['2002:a00:1::1', '6to4'],
      ['2002:808:808::1', '6to4'],
      ['2620:4f:8000::1', 'as112'],
      ['3fff::1', 'documentation'],
      ['5f00::1', 'srv6'],
      ['fc00::1', 'uniqueLocal'],
      ['fd12:3456::1', 'uniqueLocal'],
      ['fe80::1', 'linkLocal'],
      ['febf::1', 'linkLocal'],
      ['fec0::1', 'siteLocal'],
      ['ff02::1', 'multicast'],
      ['::ffff:0:808:808', 'reserved'],
      ['4000::1', 'reserved'],
      ['e000::1', 'reserved'],
    ];
    for (const [address, range] of table) refused(address, range);
  });

  it('judges IPv4-mapped, IPv4-compatible and NAT64 addresses by the IPv4 address they carry, however written', () => {
    refused('::ffff:127.0.0.1', 'loopback');
    refused('::ffff:7f00:1', 'loopback');
    refused('::ffff:10.0.0.1', 'private');
    refused('::ffff:169.254.169.254', 'linkLocal');
    refused('::127.0.0.1', 'loopback');
    refused('::7f00:1', 'loopback');
    refused('0:0:0:0:0:0:127.0.0.1', 'loopback');
    refused('::169.254.169.254', 'linkLocal');
    refused('::a00:1', 'private');
    refused('::0.0.0.2', 'unspecified');
    refused('64:ff9b::a00:1', 'private');
    refused('64:ff9b::127.0.0.1', 'loopback');
    refused('64:ff9b::a9fe:a9fe', 'linkLocal');
    refused('[::ffff:192.168.1.1]', 'private');
  });

  it('allows loopback, and nothing else, when loopback is allowed; not the compatible or NAT64 forms, which leave the host', () => {
    const loopback = { allowLoopback: true };
    for (const address of ['127.0.0.1', '127.10.0.1', '::1', '::ffff:127.0.0.1']) allowed(address, loopback);
    refused('::127.0.0.1', 'loopback', loopback);
    refused('64:ff9b::7f00:1', 'loopback', loopback);
    refused('10.0.0.1', 'private', loopback);
    refused('169.254.169.254', 'linkLocal', loopback);
    refused('0.0.0.0', 'unspecified', loopback);
    refused('fe80::1', 'linkLocal', loopback);
    refused('224.0.0.1', 'multicast', loopback);
  });

  it('allows the ranges an operator named, never unspecified, multicast or broadcast addresses', () => {
    const named = { allowedRanges: ['10.20.0.0/16', 'fd00::/8', '0.0.0.0/0'].map((r) => parseRange(r)!) };
    allowed('10.20.3.4', named);
    allowed('::ffff:10.20.3.4', named);
    allowed('fd00::5', named);
    allowed('169.254.169.254', named);
    refused('0.0.0.0', 'unspecified', named);
    refused('224.0.0.1', 'multicast', named);
    refused('255.255.255.255', 'broadcast', named);
    refused('::', 'unspecified', named);
    const narrow = { allowedRanges: [parseRange('10.20.0.0/16')!] };
    refused('10.21.0.1', 'private', narrow);
    refused('fd00::5', 'uniqueLocal', narrow);
  });

  it('refuses what is not an address', () => {
    refused('example.com', 'invalid');
    refused('', 'invalid');
    refused('2130706433', 'invalid');
    refused('0x7f.1', 'invalid');
  });
});

describe('parseRange', () => {
  it('reads addresses and CIDRs, IPv4 and IPv6, and nothing else', () => {
    expect(parseRange('10.0.0.5')?.[1]).toBe(32);
    expect(parseRange('10.0.0.0/8')?.[1]).toBe(8);
    expect(parseRange('[fd00::1]')?.[1]).toBe(128);
    expect(parseRange('fd00::/8')?.[1]).toBe(8);
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'idp.corp.example', '10.0.0.0/8/1', '10.0.0.0/x', '']) {
      expect(parseRange(bad), bad).toBeNull();
    }
  });
});
