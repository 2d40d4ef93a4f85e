import ipaddr from 'ipaddr.js';

/** Address ranges Express (proxy-addr) knows by name. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

const splitList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Whether `value` is a valid TRUST_PROXY: `true`, `false`, a hop count, or a comma-separated list
 * of addresses, CIDR ranges and the names `loopback`, `linklocal`, `uniquelocal`.
 */
export function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'false' || /^\d{1,3}$/.test(v)) return true;
  const entries = splitList(v);
  return entries.length > 0 && entries.every((e) => NAMED_RANGES.includes(e) || ipaddr.isValid(e) || ipaddr.isValidCIDR(e));
}

/** TRUST_PROXY as Express's `trust proxy` setting wants it. */
export function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d{1,3}$/.test(v)) return Number(v);
  return splitList(v);
}

const ORIGIN = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Whether `value` is a comma-separated list of origins (`scheme://host[:port]`, no path). */
export function isOriginList(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const entries = splitList(value);
  return entries.length > 0 && entries.every((e) => ORIGIN.test(e));
}

export function parseOriginList(value: string | undefined): string[] {
  return value ? splitList(value).map((o) => o.toLowerCase()) : [];
}

/** One DNS_SERVERS entry: an IPv4 address with an optional `:port`, an IPv6 address, or `[IPv6]:port`. */
function isDnsServer(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  const v4 = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(entry);
  const [address, port] = bracketed ? [bracketed[1], bracketed[2]] : v4 ? [v4[1], v4[2]] : [entry, undefined];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  if (bracketed || !v4) return ipaddr.IPv6.isValid(address);
  return ipaddr.IPv4.isValidFourPartDecimal(address);
}

/** Whether `value` is a comma-separated list of DNS server addresses (`host[:port]`, IP addresses only). */
export function isDnsServerList(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const entries = splitList(value);
  return entries.length > 0 && entries.every(isDnsServer);
}

/** DNS_SERVERS as node:dns `setServers` takes it; empty: the system's resolvers. */
export function parseDnsServers(value: string | undefined): string[] {
  return value ? splitList(value) : [];
}
