import ipaddr from 'ipaddr.js';
import { clientAddress } from './client-address';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** One allowlist entry (an address or a CIDR range) as a range; null when it does not parse. */
function toRange(entry: string): Range | null {
  const text = entry.trim();
  try {
    if (text.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(text);
      return toIPv4Range(address, bits);
    }
    const address = ipaddr.parse(text);
    return toIPv4Range(address, address.kind() === 'ipv4' ? 32 : 128);
  } catch {
    return null;
  }
}

/** An IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) is the IPv4 range it carries. */
function toIPv4Range(address: ipaddr.IPv4 | ipaddr.IPv6, bits: number): Range {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [address, bits];
}

/** A tenant's IP allowlist, parsed once. Entries that do not parse match nothing. */
export class IpAllowlist {
  private readonly ranges: Range[];

  constructor(entries: readonly string[]) {
    this.ranges = entries.map(toRange).filter((r): r is Range => r !== null);
  }

  /** Whether `ip` (as Express gives it in `req.ip`) falls in one of the ranges. */
  allows(ip: string | undefined): boolean {
    const address = clientAddress(ip);
    if (!address) return false;
    return this.ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
  }
}
