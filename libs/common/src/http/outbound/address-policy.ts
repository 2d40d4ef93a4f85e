import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

export interface AddressVerdict {
  address: string;
  allowed: boolean;
  /** Where the address falls: `public`, or the special-purpose range that refuses it (`loopback`, `private`, …). */
  range: string;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

const ranges = (table: [string, string][]): [Range, string][] => table.map(([cidr, name]) => [ipaddr.parseCIDR(cidr), name]);

/**
 * The IANA IPv4 Special-Purpose Address Registry, with multicast (224/4); the first match names
 * the range. Every entry is refused, the globally reachable anycast ones (AS112, AMT) included: no
 * webhook receiver or identity provider lives there.
 */
const IPV4_SPECIAL = ranges([
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrierGradeNat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'linkLocal'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'ietfProtocolAssignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.31.196.0/24', 'as112'],
  ['192.52.193.0/24', 'amt'],
  ['192.88.99.0/24', '6to4Relay'],
  ['192.168.0.0/16', 'private'],
  ['192.175.48.0/24', 'as112'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
]);

/**
 * The IANA IPv6 Special-Purpose Address Registry, with site-local and multicast; the first match
 * names the range. The forms that carry an IPv4 address the connection really goes to
 * (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96) are judged by that address before this table.
 * Teredo and 6to4 are refused outright (deprecated, and a relay decides where they lead).
 */
const IPV6_SPECIAL = ranges([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'nat64Local'],
  ['100::/64', 'discard'],
  ['100:0:0:1::/64', 'dummy'],
  ['2001::/32', 'teredo'],
  ['2001:2::/48', 'benchmarking'],
  ['2001:10::/28', 'orchid'],
  ['2001:20::/28', 'orchid'],
  ['2001::/23', 'ietfProtocolAssignments'],
  ['2001:db8::/32', 'documentation'],
  ['2002::/16', '6to4'],
  ['2620:4f:8000::/48', 'as112'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'srv6'],
  ['fc00::/7', 'uniqueLocal'],
  ['fe80::/10', 'linkLocal'],
  ['fec0::/10', 'siteLocal'],
  ['ff00::/8', 'multicast'],
]);

/** Global unicast: IPv6 addresses outside it are unassigned or special, so refused (`reserved`). */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
const IPV4_MAPPED = ipaddr.parseCIDR('::ffff:0:0/96');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/** Never connected to, whatever the allowances: the host itself (0.0.0.0 and :: reach it), multicast, broadcast. */
const NEVER = new Set(['unspecified', 'multicast', 'broadcast']);

export interface AddressAllowances {
  /** 127.0.0.0/8 and ::1 (and their IPv4-mapped form) are allowed: development and tests. */
  allowLoopback?: boolean;
  /** Address ranges an operator named as reachable (on-premises services): allowed even if special-purpose. */
  allowedRanges?: readonly Range[];
}

/**
 * Whether the platform may connect to `address` on a tenant's behalf. Only public unicast
 * addresses are allowed: every range of the IANA special-purpose registries is refused (loopback,
 * private, link-local with the cloud metadata services, carrier-grade NAT, documentation,
 * benchmarking, multicast, reserved, broadcast, unique-local, discard, ORCHID, …). IPv4-mapped
 * (::ffff:0:0/96), IPv4-compatible (::/96) and NAT64 (64:ff9b::/96) addresses are judged by the
 * IPv4 address they carry. The allowances open loopback or named ranges, never unspecified,
 * multicast or broadcast addresses.
 */
export function classifyAddress(address: string, allowances: AddressAllowances = {}): AddressVerdict {
  const parsed = parseAddress(address);
  if (!parsed) return { address, allowed: false, range: 'invalid' };
  const { ip, carried } = parsed;
  const range = rangeOf(carried ?? ip);
  if (range === 'public') return { address, allowed: true, range };
  if (NEVER.has(range)) return { address, allowed: false, range };
  // Loopback is the host's own: 127/8, ::1, or ::ffff:127.x; not a compatible or NAT64 form, which leaves the host.
  const loopback = range === 'loopback' && (!carried || ip.match(IPV4_MAPPED));
  if (allowances.allowLoopback && loopback) return { address, allowed: true, range };
  const allowed = !!allowances.allowedRanges?.some(([net, bits]) =>
    [ip, carried].some((candidate) => candidate?.kind() === net.kind() && candidate.match(net, bits)),
  );
  return { address, allowed, range };
}

/** The address, and for IPv6 forms that carry one, the IPv4 address they lead to. */
function parseAddress(address: string): { ip: ipaddr.IPv4 | ipaddr.IPv6; carried?: ipaddr.IPv4 } | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family === 4) return { ip: ipaddr.IPv4.parse(bare) };
  if (family !== 6) return null;
  // The URL parser writes any IPv6 form (zero runs, dotted tails) canonically, as hex groups.
  let canonical: string;
  try {
    canonical = new URL(`http://[${bare.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const ip = ipaddr.IPv6.parse(canonical);
  const isSpecialCompat = canonical === '::' || canonical === '::1';
  if (ip.match(IPV4_MAPPED) || ip.match(NAT64) || (ip.match(IPV4_COMPATIBLE) && !isSpecialCompat)) {
    return { ip, carried: new ipaddr.IPv4(ip.toByteArray().slice(12)) };
  }
  return { ip };
}

function rangeOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  const table = ip.kind() === 'ipv4' ? IPV4_SPECIAL : IPV6_SPECIAL;
  for (const [[net, bits], name] of table) {
    if (net.kind() === ip.kind() && ip.match(net, bits)) return name;
  }
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST)) return 'reserved';
  return 'public';
}

/**
 * Parses an address or CIDR (`10.20.0.0/16`, `fd00::/8`, `10.0.0.5`, `[fd00::5]`) into a range;
 * null when it is neither.
 */
export function parseRange(entry: string): Range | null {
  const bare = entry.replace(/^\[(.*)\](\/\d+)?$/, '$1$2');
  const [addr, bits, extra] = bare.split('/');
  if (extra !== undefined || !isIP(addr)) return null;
  const ip = ipaddr.parse(addr);
  const max = ip.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [ip, max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return null;
  return [ip, Number(bits)];
}
