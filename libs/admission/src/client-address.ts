import ipaddr from 'ipaddr.js';

/**
 * The client's address as Express resolved it (`req.ip`, which follows TRUST_PROXY), parsed;
 * an IPv4-mapped IPv6 address (`::ffff:203.0.113.7`) counts as the IPv4 address it carries.
 * Null when there is none or it is not an IP address.
 */
export function clientAddress(ip: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ip || !ipaddr.isValid(ip)) return null;
  return ipaddr.process(ip);
}

/**
 * The key a client's address is rate limited under: the IPv4 address itself, or the /64 an IPv6
 * address belongs to (one host commonly holds a whole /64, so single IPv6 addresses are free).
 */
export function rateLimitAddress(ip: string | undefined): string {
  const address = clientAddress(ip);
  if (!address) return 'unknown';
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
