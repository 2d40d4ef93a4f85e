import ipaddr from 'ipaddr.js';

export interface AddressVerdict {
  address: string;
  allowed: boolean;
  /** The range the address falls in, as ipaddr.js names it (`unicast`, `private`, `loopback`, …). */
  range: string;
}

/**
 * Whether a webhook may be sent to `address`. Only public unicast addresses are allowed: loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata
 * services, fe80::/10), unspecified, multicast, broadcast, carrier-grade NAT, documentation,
 * benchmarking, reserved and the IPv6 transition ranges (which embed IPv4 addresses) are refused.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry. With `allowLoopback`,
 * 127.0.0.0/8 and ::1 are allowed too (development and tests), nothing else.
 */
export function classifyAddress(address: string, options: { allowLoopback?: boolean } = {}): AddressVerdict {
  if (!ipaddr.isValid(address)) return { address, allowed: false, range: 'invalid' };
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  const allowed = range === 'unicast' || (range === 'loopback' && !!options.allowLoopback);
  return { address, allowed, range };
}
