import type { SsoSettings } from '@stratum/config';

/** Where identity providers send users back: one URL for every tenant and provider (the state says which). */
export function callbackUrl(config: SsoSettings): string {
  return `${config.PUBLIC_API_URL}/api/v1/auth/sso/callback`;
}

/** Where a client sends the browser to sign in with a tenant's provider. */
export function startUrl(config: SsoSettings, tenantSlug: string, providerId: string): string {
  return `${config.PUBLIC_API_URL}/api/v1/auth/sso/${encodeURIComponent(tenantSlug)}/${providerId}/start`;
}
