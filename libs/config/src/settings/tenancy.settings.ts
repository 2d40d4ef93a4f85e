import { Transform } from 'class-transformer';
import { IsFQDN, IsOptional } from 'class-validator';
import { emptyToUndefined, IntRange, Setting, Settings, SettingsGroup } from './setting';

/** Finding tenants, caching the registry, purging deleted tenants, migrating their schemas. */
@SettingsGroup('tenancy', 'Tenants')
export class TenancySettings extends Settings {
  @Setting({
    description: 'e.g. `app.example.com`: `acme.app.example.com` then names tenant `acme`',
    example: 'app.example.com',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsFQDN({ require_tld: false })
  TENANT_BASE_DOMAIN?: string;

  @Setting({
    description:
      'how long a process may keep a tenant registry lookup; changes invalidate every process at once through Redis, and a process drops its whole cache whenever it loses that subscription, so this is only a backstop (0 turns the cache off)',
  })
  @IntRange(0, 86_400_000)
  TENANT_CACHE_TTL_MS = 600_000;

  @Setting({
    description:
      'how many tenants a process keeps in that cache (least recently used first out); unknown tenants are remembered for 5 s at most',
  })
  @IntRange(1, 10_000_000)
  TENANT_CACHE_MAX_TENANTS = 50_000;

  @Setting({ description: 'days between deleting a tenant and dropping its schema and role' })
  @IntRange(0, 3650)
  TENANT_PURGE_GRACE_DAYS = 30;

  @Setting({ description: 'tenants migrated at once' })
  @IntRange(1, 64)
  MIGRATE_CONCURRENCY = 4;
}
