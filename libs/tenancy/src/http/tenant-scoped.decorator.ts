import { SetMetadata } from '@nestjs/common';

export const TENANT_SCOPED = 'stratum:tenantScoped';

/**
 * Marks a controller (or route) as acting on one tenant's data. The tenant comes from the
 * caller's token; unauthenticated routes (login, password reset) take it from the `X-Tenant`
 * header (slug or id) or from the subdomain of TENANT_BASE_DOMAIN.
 */
export const TenantScoped = (): ClassDecorator & MethodDecorator => SetMetadata(TENANT_SCOPED, true);
