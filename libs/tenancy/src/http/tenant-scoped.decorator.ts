import { applyDecorators, SetMetadata } from '@nestjs/common';

export const TENANT_SCOPED = 'stratum:tenantScoped';
export const TENANT_FROM_LINK = 'stratum:tenantFromLink';

/**
 * Marks a controller (or route) as acting on one tenant's data. The tenant comes from the
 * caller's token; unauthenticated routes (login, password reset) take it from the `X-Tenant`
 * header (slug or id) or from the subdomain of TENANT_BASE_DOMAIN.
 */
export const TenantScoped = (): ClassDecorator & MethodDecorator => SetMetadata(TENANT_SCOPED, true);

/**
 * A tenant-scoped page opened from an emailed link: a browser sends no `X-Tenant` header, so the
 * tenant is the link's `tenant` query parameter (slug or id), or the form field that carries it on.
 */
export const TenantFromLink = (): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(TENANT_SCOPED, true), SetMetadata(TENANT_FROM_LINK, true));
