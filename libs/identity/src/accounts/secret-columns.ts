import type { SecretColumn } from '@stratum/common';

/** TOTP seeds (enrolled and pending) of tenant users and platform staff. */
export const IDENTITY_SECRET_COLUMNS: SecretColumn[] = [
  ...['mfa_secret', 'mfa_pending_secret'].map((column): SecretColumn => ({
    scope: 'tenant',
    table: 'users',
    column,
    context: (id, tenantId) => `tenant:${tenantId}:account:${id}`,
  })),
  ...['mfa_secret', 'mfa_pending_secret'].map((column): SecretColumn => ({
    scope: 'platform',
    table: 'platform.platform_users',
    column,
    context: (id) => `platform:account:${id}`,
  })),
];
