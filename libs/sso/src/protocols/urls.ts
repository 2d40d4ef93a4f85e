import type { SsoSettings } from '@stratum/config';

/** Where identity providers send users back: one URL for every tenant and provider (the state says which). */
export function callbackUrl(config: SsoSettings): string {
  return `${config.PUBLIC_API_URL}/api/v1/auth/sso/callback`;
}

/** Where a client sends the browser to sign in with a tenant's provider. */
export function startUrl(config: SsoSettings, tenantSlug: string, providerId: string): string {
  return `${config.PUBLIC_API_URL}/api/v1/auth/sso/${encodeURIComponent(tenantSlug)}/${providerId}/start`;
}

/** Where every SAML identity provider posts its responses (the Assertion Consumer Service, HTTP-POST binding). */
export function samlAcsUrl(config: SsoSettings): string {
  return `${config.PUBLIC_API_URL}/api/v1/auth/sso/saml/acs`;
}

/**
 * A SAML provider's service provider entity id, which is also where its metadata is served. It
 * names the tenant by id (a slug could change under the identity provider's configuration) and
 * lets the ACS route an unsolicited response by its audience.
 */
export function samlEntityId(config: SsoSettings, tenantId: string, providerId: string): string {
  return `${config.PUBLIC_API_URL}/api/v1/auth/sso/${tenantId}/${providerId}/saml/metadata`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The tenant and provider an entity id of ours names, or null for anything else. */
export function parseSamlEntityId(config: SsoSettings, entityId: string): { tenantId: string; providerId: string } | null {
  const prefix = `${config.PUBLIC_API_URL}/api/v1/auth/sso/`;
  if (!entityId.startsWith(prefix)) return null;
  const match = new RegExp(`^(${UUID})/(${UUID})/saml/metadata$`, 'i').exec(entityId.slice(prefix.length));
  return match ? { tenantId: match[1].toLowerCase(), providerId: match[2].toLowerCase() } : null;
}
