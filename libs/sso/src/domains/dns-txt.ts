import { Injectable } from '@nestjs/common';
import { SsoSettings } from '@stratum/config';
import { Resolver } from 'node:dns/promises';

/** What DNS holds at a name: its TXT strings, or the reason there are none. */
export interface TxtAnswer {
  /** Each TXT record, its character-strings joined (RFC 7208 §3.3). */
  records: string[];
  /** `NXDOMAIN`, `NODATA`, `TIMEOUT`, `SERVFAIL`, `REFUSED`, … when the lookup found no records. */
  error: string | null;
}

/** c-ares error codes, as DNS people name them. */
const DNS_ERRORS: Record<string, string> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NODATA',
  ETIMEOUT: 'TIMEOUT',
  ECANCELLED: 'TIMEOUT',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ECONNREFUSED: 'CONNREFUSED',
  EFORMERR: 'FORMERR',
  EBADRESP: 'BADRESP',
};

/**
 * TXT lookups through the resolvers of DNS_SERVERS (the system's when unset). A lookup takes
 * DNS_TIMEOUT_MS at most, whatever the resolver's own retries: then it is cancelled (TIMEOUT).
 * Each lookup has a resolver of its own, so cancelling one leaves the others alone.
 */
@Injectable()
export class DnsTxt {
  constructor(private readonly config: SsoSettings) {}

  async lookup(name: string): Promise<TxtAnswer> {
    const budget = this.config.DNS_TIMEOUT_MS;
    // A second attempt fits in the budget when the first datagram is lost.
    const resolver = new Resolver({ timeout: Math.max(50, Math.floor(budget / 2)), tries: 2 });
    if (this.config.dnsServers.length) resolver.setServers(this.config.dnsServers);
    const deadline = setTimeout(() => resolver.cancel(), budget);
    try {
      const records = await resolver.resolveTxt(name);
      return { records: records.map((chunks) => chunks.join('')), error: null };
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? 'ERROR');
      return { records: [], error: DNS_ERRORS[code] ?? code };
    } finally {
      clearTimeout(deadline);
    }
  }
}
