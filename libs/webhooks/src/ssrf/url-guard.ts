import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address-policy';

/** Why a webhook URL may not be used; the reason is shown to the tenant and kept in the attempt log. */
export class UrlRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UrlRefused';
  }
}

export interface UrlPolicy {
  /** HTTPS only (production). */
  requireHttps: boolean;
  /** 127.0.0.0/8 and ::1 allowed (development and tests). */
  allowLoopback: boolean;
}

/** Where a webhook goes: the URL, and the one checked address the connection must use. */
export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address of the name. */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Checks the form of a webhook URL without resolving it. */
export function parseWebhookUrl(raw: string, policy: UrlPolicy): URL {
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
 * Resolves a webhook URL's host and checks every address it resolves to (one refused address
 * refuses the URL: a name may not point at an internal service even among public ones). The
 * caller connects to the returned address, never to a second resolution of the name, so a DNS
 * answer that changes between check and connection (rebinding) cannot reach a refused address.
 */
export async function resolveTarget(raw: string, policy: UrlPolicy, resolve: Resolver = systemResolver): Promise<ResolvedTarget> {
  const url = parseWebhookUrl(raw, policy);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      throw new UrlRefused(`${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!addresses.length) throw new UrlRefused(`${host} does not resolve`);
  }
  for (const { address } of addresses) {
    const verdict = classifyAddress(address, { allowLoopback: policy.allowLoopback });
    if (!verdict.allowed) {
      throw new UrlRefused(
        address === host
          ? `${address} is not a public address (${verdict.range})`
          : `${host} resolves to ${address}, not a public address (${verdict.range})`,
      );
    }
  }
  const [first] = addresses;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
