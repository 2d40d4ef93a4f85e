import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AddressAllowances, classifyAddress, parseRange } from './address-policy';

/** Why an outbound URL may not be used; the reason is fit for the tenant who configured it (and for logs). */
export class UrlRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UrlRefused';
  }
}

/**
 * Host names and address ranges an operator allows to be non-public, for services on the
 * platform's own network (an on-premises identity provider). Parsed from a comma-separated list:
 * `idp.corp.example` (that name, whatever it resolves to), `*.corp.example` (its subdomains),
 * `10.20.0.5`, `10.20.0.0/16`, `fd00::/8` (those addresses, whatever name leads there).
 * Unspecified, multicast and broadcast addresses stay refused whatever the list says.
 */
export class PrivateHosts {
  static readonly NONE = new PrivateHosts([], [], []);

  private constructor(
    private readonly names: string[],
    private readonly suffixes: string[],
    readonly ranges: NonNullable<AddressAllowances['allowedRanges']>,
  ) {}

  /** Throws an Error naming the first entry that is neither a host name nor an address or CIDR. */
  static parse(list: string | undefined): PrivateHosts {
    const names: string[] = [];
    const suffixes: string[] = [];
    const ranges: NonNullable<AddressAllowances['allowedRanges']>[number][] = [];
    for (const raw of (list ?? '').split(',')) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const range = parseRange(entry);
      if (range) ranges.push(range);
      else if (/^\*\.[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(entry)) suffixes.push(entry.slice(1));
      else if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/.test(entry)) names.push(entry.replace(/\.$/, ''));
      else throw new Error(`"${raw.trim()}" is neither a host name (optionally *.-prefixed) nor an address or CIDR`);
    }
    return new PrivateHosts(names, suffixes, ranges);
  }

  get empty(): boolean {
    return !this.names.length && !this.suffixes.length && !this.ranges.length;
  }

  /** The host name is listed: whatever it resolves to may be non-public. */
  allowsName(host: string): boolean {
    const name = host.toLowerCase().replace(/\.$/, '');
    return this.names.includes(name) || this.suffixes.some((suffix) => name.endsWith(suffix));
  }
}

export interface OutboundPolicy {
  /** HTTPS only. */
  requireHttps: boolean;
  /** 127.0.0.0/8 and ::1 allowed (development and tests). */
  allowLoopback?: boolean;
  /** Non-public hosts the operator allows. */
  privateHosts?: PrivateHosts;
}

/** Where a request goes: the URL, and the checked addresses the connection may use (the first one preferred). */
export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
  addresses: { address: string; family: 4 | 6 }[];
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address of the name. */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Checks the form of an outbound URL without resolving it. */
export function parseOutboundUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UrlRefused('only http and https URLs are allowed');
  if (policy.requireHttps && url.protocol !== 'https:') throw new UrlRefused('HTTPS is required');
  if (url.username || url.password) throw new UrlRefused('credentials in the URL are not allowed');
  if (!url.hostname) throw new UrlRefused('the URL has no host');
  return url;
}

/**
 * Resolves a URL's host and checks every address it resolves to (one refused address refuses the
 * URL: a name may not point at an internal service even among public ones). Nothing is connected
 * to, so a refusal takes the same time whatever listens there. The caller connects to the returned
 * addresses only, never to a second resolution of the name, so a DNS answer that changes between
 * check and connection (rebinding) cannot reach a refused address.
 */
export async function resolveTarget(
  raw: string,
  policy: OutboundPolicy,
  resolve: Resolver = systemResolver,
): Promise<ResolvedTarget> {
  const url = parseOutboundUrl(raw, policy);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host) !== 0;
  let answers: { address: string; family: number }[];
  if (literal) {
    answers = [{ address: host, family: isIP(host) }];
  } else {
    try {
      answers = await resolve(host);
    } catch (err) {
      throw new UrlRefused(`${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!answers.length) throw new UrlRefused(`${host} does not resolve`);
  }
  const privateHosts = policy.privateHosts ?? PrivateHosts.NONE;
  const namedPrivate = !literal && privateHosts.allowsName(host);
  const addresses: ResolvedTarget['addresses'] = [];
  for (const { address } of answers) {
    const verdict = classifyAddress(address, {
      allowLoopback: policy.allowLoopback || namedPrivate,
      allowedRanges: namedPrivate ? [ANY_V4, ANY_V6] : privateHosts.ranges,
    });
    if (!verdict.allowed) {
      throw new UrlRefused(
        literal
          ? `${address} is not a public address (${verdict.range})`
          : `${host} resolves to ${address}, not a public address (${verdict.range})`,
      );
    }
    addresses.push({ address, family: isIP(address) === 6 ? 6 : 4 });
  }
  return { url, address: addresses[0].address, family: addresses[0].family, addresses };
}

const ANY_V4 = parseRange('0.0.0.0/0')!;
const ANY_V6 = parseRange('::/0')!;
