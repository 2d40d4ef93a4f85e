import { Injectable } from '@nestjs/common';
import { RedisService } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import { TenantContext } from '@stratum/tenancy';
import type { Tenant } from '@stratum/tenancy';
import { PlanEnforcer } from './plan-enforcer.service';

const MB = 1024 * 1024;
const DAY_SECONDS = 86_400;

/** Counts a call and answers the count; the day's counter expires a day after the day is over. */
const COUNT_CALL = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** The UTC day an API call counts towards, as YYYY-MM-DD. */
export const utcDay = (at = new Date()) => at.toISOString().slice(0, 10);

/**
 * Metered usage: API calls per UTC day (a Redis counter per tenant and day, shared by every API
 * instance) and storage (the size of the tenant's schema on disk: tables, indexes and TOAST).
 */
@Injectable()
export class TenantUsage {
  constructor(
    private readonly redis: RedisService,
    private readonly plans: PlanEnforcer,
    private readonly context: TenantContext,
  ) {}

  private callsKey(tenantId: string, day: string): string {
    return this.redis.key('api-calls', tenantId, day);
  }

  /** Counts one API call and answers the day's count including it. */
  async countCall(tenantId: string): Promise<number> {
    return (await this.redis.client.eval(COUNT_CALL, 1, this.callsKey(tenantId, utcDay()), 2 * DAY_SECONDS)) as number;
  }

  async callsToday(tenantId: string): Promise<number> {
    return Number((await this.redis.client.get(this.callsKey(tenantId, utcDay()))) ?? 0);
  }

  /** Bytes the tenant's schema takes on disk. Readable by the tenant's own role. */
  async storageBytes(em: EntityManager, tenant: Tenant): Promise<number> {
    const [row] = await em.query(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
      [tenant.schemaName],
    );
    return Number(row.bytes);
  }

  /** Refuses a write of `addingBytes` that would take the tenant over its storage limit (PLAN_LIMIT storageMb). */
  async requireStorage(em: EntityManager, addingBytes: number, tenant: Tenant = this.context.get()): Promise<void> {
    const used = await this.storageBytes(em, tenant);
    this.plans.requireWithin('storageMb', round2(used / MB), round2(addingBytes / MB), tenant);
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
