import { Injectable } from '@nestjs/common';
import { KeyRing, SecretColumn } from '@stratum/common';

const context = (tenantId: string, providerId: string) => `sso-provider:${tenantId}:${providerId}`;

/** Identity providers' client secrets, for key rotation (`keys:reencrypt`). */
export const SSO_SECRET_COLUMNS: SecretColumn[] = [
  { scope: 'tenant', table: 'sso_providers', column: 'client_secret', context: (id, tenantId) => context(tenantId ?? '', id) },
];

/**
 * Client secrets at rest: AES-256-GCM through the key ring, bound to the tenant and the provider
 * (a ciphertext copied to another row does not decrypt).
 */
@Injectable()
export class ProviderSecrets {
  constructor(private readonly keys: KeyRing) {}

  seal(tenantId: string, providerId: string, secret: string): string {
    return this.keys.encrypt(secret, context(tenantId, providerId));
  }

  open(tenantId: string, providerId: string, sealed: string): string {
    return this.keys.decrypt(sealed, context(tenantId, providerId));
  }
}
