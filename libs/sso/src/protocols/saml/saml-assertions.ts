import { Injectable } from '@nestjs/common';
import { RedisService } from '@stratum/database';
import { sha256 } from '@stratum/identity';

/** Longest an assertion id is remembered, whatever validity the provider gives its assertions. */
const MAX_REMEMBER_SECONDS = 24 * 3600;

/**
 * The ids of assertions already used to sign in, per provider, until they would expire anyway:
 * a copied response (a browser's history, a proxy's log) cannot sign anyone in a second time,
 * even unsolicited ones that no pending request protects.
 */
@Injectable()
export class SamlAssertions {
  constructor(private readonly redis: RedisService) {}

  /** Records the assertion's use; false when it was used before. */
  async firstUse(providerId: string, assertionId: string, until: Date): Promise<boolean> {
    const seconds = Math.min(MAX_REMEMBER_SECONDS, Math.max(60, Math.ceil((until.getTime() - Date.now()) / 1000)));
    return (await this.redis.client.set(this.key(providerId, assertionId), '1', 'EX', seconds, 'NX')) === 'OK';
  }

  async used(providerId: string, assertionId: string): Promise<boolean> {
    return (await this.redis.client.exists(this.key(providerId, assertionId))) === 1;
  }

  private key(providerId: string, assertionId: string): string {
    return this.redis.key('saml-assertion', sha256(`${providerId}\n${assertionId}`));
  }
}
