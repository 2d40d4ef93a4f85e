import { Injectable } from '@nestjs/common';
import { KeyRing, SecretColumn } from '@stratum/common';

const context = (tenantId: string, endpointId: string) => `webhook-endpoint:${tenantId}:${endpointId}`;

/** Signing secrets at rest (current and previous), for key rotation (`keys:reencrypt`). */
export const WEBHOOK_SECRET_COLUMNS: SecretColumn[] = ['secret', 'previous_secret'].map((column) => ({
  scope: 'tenant',
  table: 'webhook_endpoints',
  column,
  context: (id, tenantId) => context(tenantId ?? '', id),
}));

/**
 * Signing secrets at rest: AES-256-GCM through the key ring, bound to the tenant and endpoint
 * (a ciphertext copied to another endpoint does not decrypt).
 */
@Injectable()
export class EndpointSecrets {
  constructor(private readonly keys: KeyRing) {}

  seal(tenantId: string, endpointId: string, secret: string): string {
    return this.keys.encrypt(secret, context(tenantId, endpointId));
  }

  open(tenantId: string, endpointId: string, sealed: string): string {
    return this.keys.decrypt(sealed, context(tenantId, endpointId));
  }
}
