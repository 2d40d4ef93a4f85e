import { Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { ClsService } from 'nestjs-cls';
import type { Tenant } from '../registry/tenant.entity';

const CTX_TENANT = 'tenant';

/** The tenant of the current unit of work (HTTP request or job), kept in async-local storage. */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService) {}

  set(tenant: Tenant): void {
    const current = this.cls.get<Tenant | undefined>(CTX_TENANT);
    if (current && current.id !== tenant.id) {
      // A unit of work belongs to one tenant for its whole life.
      throw new Error('tenant context is already bound to another tenant');
    }
    this.cls.set(CTX_TENANT, tenant);
  }

  /** The current tenant, or null outside a tenant unit of work. */
  find(): Tenant | null {
    return this.cls.isActive() ? (this.cls.get<Tenant | undefined>(CTX_TENANT) ?? null) : null;
  }

  get(): Tenant {
    const tenant = this.find();
    if (!tenant) throw new DomainError('TENANT_REQUIRED');
    return tenant;
  }
}
