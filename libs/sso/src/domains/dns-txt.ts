import { Injectable } from '@nestjs/common';
import { AppConfig } from '@stratum/config';
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
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ECONNREFUSED: 'CONNREFUSED',
  EFORMERR: 'FORMERR',
  EBADRESP: 'BADRESP',
};

/**
 * TXT lookups through the resolvers of DNS_SERVERS (the system's when unset), each attempt
 * bounded by DNS_TIMEOUT_MS, two attempts at most.
 */
@Injectable()
export class DnsTxt {
  private readonly resolver: Resolver;

  constructor(config: AppConfig) {
    this.resolver = new Resolver({ timeout: config.DNS_TIMEOUT_MS, tries: 2 });
    if (config.dnsServers.length) this.resolver.setServers(config.dnsServers);
  }

  async lookup(name: string): Promise<TxtAnswer> {
    try {
      const records = await this.resolver.resolveTxt(name);
      return { records: records.map((chunks) => chunks.join('')), error: null };
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? 'ERROR');
      return { records: [], error: DNS_ERRORS[code] ?? code };
    }
  }
}
