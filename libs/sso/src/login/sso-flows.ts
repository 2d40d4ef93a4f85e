import { Injectable } from '@nestjs/common';
import { KeyRing } from '@stratum/common';
import { SsoSettings } from '@stratum/config';
import { RedisService } from '@stratum/database';
import { opaqueToken, sha256 } from '@stratum/identity';
import type { PendingAuthorization, ProviderIdentity } from '../protocols/sso-protocol';

/** A sign-in started at a provider: everything the callback needs, kept server-side. */
export interface PendingSignIn extends PendingAuthorization {
  tenantId: string;
  providerId: string;
  redirectUri: string;
  /** The client's own `state`, echoed to it with the code. */
  clientState: string | null;
}

/** A sign-in the callback verified: what the one-time code stands for. */
export interface VerifiedSignIn {
  tenantId: string;
  providerId: string;
  identity: ProviderIdentity;
}

/**
 * The short-lived records of SSO sign-ins, in Redis with a TTL and taken with GETDEL, so each is
 * used at most once: the pending authorization (state, nonce, PKCE verifier), found by its state,
 * and the one-time code the client exchanges for tokens. Keys are hashes of the state and code;
 * values are sealed with the key ring.
 */
@Injectable()
export class SsoFlows {
  constructor(
    private readonly redis: RedisService,
    private readonly keys: KeyRing,
    private readonly config: SsoSettings,
  ) {}

  async remember(pending: PendingSignIn): Promise<void> {
    const key = this.redis.key('sso-flow', sha256(pending.state));
    const stored = await this.redis.client.set(key, this.seal(key, pending), 'EX', this.config.SSO_FLOW_TTL_SECONDS, 'NX');
    if (stored !== 'OK') throw new Error('an SSO state collided with a pending one');
  }

  /** The pending sign-in of `state`, taken: a second call (a replayed answer) finds nothing. */
  async take(state: string): Promise<PendingSignIn | null> {
    const key = this.redis.key('sso-flow', sha256(state));
    return this.open<PendingSignIn>(key, await this.redis.client.getdel(key));
  }

  /** A one-time code for a verified sign-in, valid SSO_CODE_TTL_SECONDS. */
  async issueCode(signIn: VerifiedSignIn): Promise<string> {
    const { token, hash } = opaqueToken('sso');
    const key = this.redis.key('sso-code', hash);
    await this.redis.client.set(key, this.seal(key, signIn), 'EX', this.config.SSO_CODE_TTL_SECONDS);
    return token;
  }

  /** The sign-in a code stands for, taken: unknown, expired and spent codes all find nothing. */
  async redeem(code: string): Promise<VerifiedSignIn | null> {
    const key = this.redis.key('sso-code', sha256(code));
    return this.open<VerifiedSignIn>(key, await this.redis.client.getdel(key));
  }

  private seal(key: string, value: unknown): string {
    return this.keys.encrypt(JSON.stringify(value), key);
  }

  private open<T>(key: string, sealed: string | null): T | null {
    if (!sealed) return null;
    try {
      return JSON.parse(this.keys.decrypt(sealed, key)) as T;
    } catch {
      return null;
    }
  }
}
