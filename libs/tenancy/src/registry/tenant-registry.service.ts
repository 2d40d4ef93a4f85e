import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@stratum/config';
import { RedisService } from '@stratum/database';
import { DataSource } from 'typeorm';
import { SLUG_PATTERN, Tenant } from './tenant.entity';
import { isUuid } from './tenant-names';

interface CacheEntry {
  tenant: Tenant | null;
  expires: number;
}

/**
 * Looks tenants up by id or slug. Lookups happen on every tenant request, so results are
 * cached in-process for TENANT_CACHE_TTL_MS; a change (suspend, plan, settings) invalidates
 * the entry here and, through Redis pub/sub, in every other API and worker process at once.
 */
@Injectable()
export class TenantRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TenantRegistry.name);
  private readonly cache = new Map<string, CacheEntry>();
  private readonly channel: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {
    this.channel = redis.key('tenant-changed');
  }

  async onModuleInit(): Promise<void> {
    if (this.config.TENANT_CACHE_TTL_MS === 0) return;
    const sub = this.redis.subscriberConnection();
    sub.on('message', (channel, message) => {
      if (channel !== this.channel) return;
      for (const key of message.split(' ')) this.forget(key);
    });
    await sub
      .subscribe(this.channel)
      .catch((err: Error) => this.logger.warn(`tenant cache invalidation disabled: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.cache.clear();
  }

  /** Finds a tenant by uuid or slug; anything else is simply not found (and never reaches SQL). */
  async find(idOrSlug: string): Promise<Tenant | null> {
    const key = idOrSlug.toLowerCase();
    const byId = isUuid(key);
    if (!byId && !SLUG_PATTERN.test(key)) return null;
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.tenant;
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy(byId ? { id: key } : { slug: key });
    this.remember(key, tenant);
    if (tenant) this.remember(byId ? tenant.slug : tenant.id, tenant);
    return tenant;
  }

  /** Drops a tenant from every process's cache; call after changing its registry row. */
  async changed(tenant: Pick<Tenant, 'id' | 'slug'>): Promise<void> {
    this.forget(tenant.id);
    this.forget(tenant.slug);
    await this.redis.client
      .publish(this.channel, `${tenant.id} ${tenant.slug}`)
      .catch((err: Error) => this.logger.warn(`could not publish tenant change: ${err.message}`));
  }

  private remember(key: string, tenant: Tenant | null): void {
    if (this.config.TENANT_CACHE_TTL_MS === 0) return;
    this.cache.set(key, { tenant, expires: Date.now() + this.config.TENANT_CACHE_TTL_MS });
  }

  private forget(key: string): void {
    const entry = this.cache.get(key);
    this.cache.delete(key);
    if (entry?.tenant) {
      this.cache.delete(entry.tenant.id);
      this.cache.delete(entry.tenant.slug);
    }
  }
}
