import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenancySettings } from '@stratum/config';
import { RedisService } from '@stratum/database';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { countLiveTenants, LiveTenantFilter, liveTenants } from './live-tenants';
import { SLUG_PATTERN, Tenant } from './tenant.entity';
import { isUuid } from './tenant-names';

interface CacheEntry {
  tenant: Tenant | null;
}

/** How long "no such tenant" is remembered: short, so guessing slugs cannot fill the cache with misses for long. */
const MISS_TTL_MS = 5_000;

/**
 * Looks tenants up by id or slug. Lookups happen on every tenant request, so results are
 * cached in-process (least recently used first out, at most TENANT_CACHE_MAX_TENANTS tenants, each
 * for TENANT_CACHE_TTL_MS); a change (suspend, plan, settings, move) invalidates the entry here
 * and, through Redis pub/sub, in every other API and worker process at once. Whenever the
 * subscription is lost, the whole cache is dropped on reconnecting (changes published meanwhile
 * were missed), so the TTL is a backstop, not what keeps the cache right: it can be long enough
 * for a process serving many tenants to answer nearly every request from memory.
 */
@Injectable()
export class TenantRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TenantRegistry.name);
  private readonly cache: LRUCache<string, CacheEntry>;
  private readonly channel: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly config: TenancySettings,
  ) {
    this.channel = redis.key('tenant-changed');
    // Two keys (id and slug) per tenant.
    this.cache = new LRUCache({ max: Math.max(2, config.TENANT_CACHE_MAX_TENANTS * 2), ttl: config.TENANT_CACHE_TTL_MS || 1 });
  }

  async onModuleInit(): Promise<void> {
    if (this.config.TENANT_CACHE_TTL_MS === 0) return;
    const sub = this.redis.subscriberConnection();
    sub.on('message', (channel, message) => {
      if (channel !== this.channel) return;
      for (const key of message.split(' ')) this.forget(key);
    });
    // ioredis resubscribes by itself after a reconnect; what was published in between is lost.
    let subscribed = sub.status === 'ready';
    sub.on('close', () => this.cache.clear());
    sub.on('ready', () => {
      if (subscribed) this.cache.clear();
      subscribed = true;
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
    if (hit) return hit.tenant;
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy(byId ? { id: key } : { slug: key });
    this.remember(key, tenant);
    if (tenant) this.remember(byId ? tenant.slug : tenant.id, tenant);
    return tenant;
  }

  /** Live tenants (not purged; by default of every status but `provisioning`), oldest first, never cached. */
  live(filter: LiveTenantFilter = {}): Promise<Tenant[]> {
    return liveTenants(this.dataSource, filter);
  }

  /** How many live tenants each cluster (or status, or plan) has. */
  countLive(by: 'cluster' | 'status' | 'plan', filter: LiveTenantFilter = {}): Promise<Map<string, number>> {
    return countLiveTenants(this.dataSource, by, filter);
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
    this.cache.set(key, { tenant }, tenant ? undefined : { ttl: Math.min(MISS_TTL_MS, this.config.TENANT_CACHE_TTL_MS) });
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
