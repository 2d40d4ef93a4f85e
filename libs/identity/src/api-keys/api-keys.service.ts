import { Injectable } from '@nestjs/common';
import { ApiKeyPrincipal, AuditRecorder, DomainError, DomainEvents, TenantUserPrincipal } from '@stratum/common';
import { RedisService } from '@stratum/database';
import { authorityFromRows, AuthorityRow, authoritySelect, AuthorityService, isPermission } from '@stratum/rbac';
import { Tenant, TenantContext, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { sha256 } from '../tokens/token.service';
import { ApiKey } from './api-key.entity';

const PREFIX = 'sk_live_';
const KEY_BYTES = 16 + 16 + 24;
const FLUSH_EVERY_SECONDS = 60;
const USAGE_TTL_SECONDS = 30 * 86_400;

/** KEYS: total, last used. ARGV: count in the row, now, ttl. The total starts from the row's count. */
const COUNT_USE = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local total = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
return {total, redis.call('EXISTS', KEYS[3])}`;

/** What authentication reads of a key. */
type KeyRow = Pick<ApiKey, 'id' | 'secretHash' | 'scopes' | 'createdBy' | 'expiresAt' | 'revokedAt' | 'suspendedAt' | 'useCount'>;

function uuidFromBytes(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * `<prefix>` + base64url(credential id, tenant id, 24 random bytes): the credential names its
 * tenant (no X-Tenant needed) and its row; only the SHA-256 of the secret part is stored.
 * API keys (`sk_live_`) and directory-sync tokens (`scim_`) share the format.
 */
export function formatTenantCredential(prefix: string, id: string, tenantId: string, secret: Buffer): string {
  const bytes = Buffer.concat([Buffer.from(id.replace(/-/g, ''), 'hex'), Buffer.from(tenantId.replace(/-/g, ''), 'hex'), secret]);
  return prefix + bytes.toString('base64url');
}

export function parseTenantCredential(prefix: string, raw: string): { id: string; tenantId: string; secret: Buffer } | null {
  if (!raw.startsWith(prefix)) return null;
  const bytes = Buffer.from(raw.slice(prefix.length), 'base64url');
  if (bytes.length !== KEY_BYTES || bytes.toString('base64url') !== raw.slice(prefix.length)) return null;
  return {
    id: uuidFromBytes(bytes.subarray(0, 16)),
    tenantId: uuidFromBytes(bytes.subarray(16, 32)),
    secret: bytes.subarray(32),
  };
}

export function formatApiKey(keyId: string, tenantId: string, secret: Buffer): string {
  return formatTenantCredential(PREFIX, keyId, tenantId, secret);
}

export function parseApiKey(raw: string): { keyId: string; tenantId: string; secret: Buffer } | null {
  const parsed = parseTenantCredential(PREFIX, raw);
  return parsed && { keyId: parsed.id, tenantId: parsed.tenantId, secret: parsed.secret };
}

export interface NewApiKey {
  name: string;
  scopes: string[];
  expiresAt?: Date;
}

/** An API key as domain events describe it (never its secret). */
const eventKey = (k: ApiKey) => ({ id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, expiresAt: k.expiresAt });

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly registry: TenantRegistry,
    private readonly authority: AuthorityService,
    private readonly redis: RedisService,
    private readonly audit: AuditRecorder,
    private readonly events: DomainEvents,
  ) {}

  /** Creates a key whose scopes are within its creator's own permissions; the secret is returned once. */
  async create(actor: TenantUserPrincipal, input: NewApiKey): Promise<{ key: ApiKey; secret: string }> {
    await this.authority.assertHolds(input.scopes, 'give a key');
    if (input.expiresAt && input.expiresAt <= new Date()) {
      throw new DomainError('VALIDATION_FAILED', 'expiresAt must be in the future', {}, [
        { field: 'expiresAt', message: 'expiresAt must be in the future' },
      ]);
    }
    const id = randomUUID();
    const { secret, raw } = this.newSecret(id);
    const repo = (await this.db.manager()).getRepository(ApiKey);
    await repo.insert({
      id,
      name: input.name,
      prefix: raw.slice(0, PREFIX.length + 8),
      secretHash: sha256(secret.toString('base64url')),
      scopes: [...new Set(input.scopes)],
      createdBy: actor.userId,
      expiresAt: input.expiresAt ?? null,
      useCount: '0',
    });
    const key = await repo.findOneByOrFail({ id });
    await this.events.emit('api_key.created', eventKey(key));
    return { key, secret: raw };
  }

  async list(): Promise<(ApiKey & { flagged: boolean })[]> {
    const keys = await (await this.db.manager()).getRepository(ApiKey).find({ order: { createdAt: 'DESC' } });
    return this.withPendingUses(keys);
  }

  async get(id: string): Promise<ApiKey & { flagged: boolean }> {
    const key = await (await this.db.manager()).getRepository(ApiKey).findOneBy({ id });
    if (!key) throw DomainError.notFound('API key');
    return (await this.withPendingUses([key]))[0];
  }

  /** Replaces the secret (the old one stops working at once); id, name and scopes stay. */
  async rotate(id: string): Promise<{ key: ApiKey; secret: string }> {
    const repo = (await this.db.manager()).getRepository(ApiKey);
    const key = await repo.findOneBy({ id });
    if (!key) throw DomainError.notFound('API key');
    await this.assertMayHandle(key, 'rotate a key of');
    if (key.revokedAt) throw new DomainError('INVALID_STATE', 'A revoked key cannot be rotated');
    const { secret, raw } = this.newSecret(id);
    await repo.update(
      { id },
      { secretHash: sha256(secret.toString('base64url')), prefix: raw.slice(0, PREFIX.length + 8), rotatedAt: new Date() },
    );
    return { key: await repo.findOneByOrFail({ id }), secret: raw };
  }

  async revoke(id: string): Promise<void> {
    const repo = (await this.db.manager()).getRepository(ApiKey);
    const key = await repo.findOneBy({ id });
    if (!key) throw DomainError.notFound('API key');
    await this.assertMayHandle(key, 'revoke a key of');
    if (!key.revokedAt) {
      await repo.update({ id }, { revokedAt: new Date() });
      await this.events.emit('api_key.revoked', eventKey(key));
    }
  }

  /**
   * Switches a key back on after its owner was deactivated and reactivated (deactivation
   * suspends every key of the owner; reactivation brings none back by itself).
   */
  async enable(id: string): Promise<ApiKey & { flagged: boolean }> {
    const em = await this.db.manager();
    const key = await em.getRepository(ApiKey).findOneBy({ id });
    if (!key) throw DomainError.notFound('API key');
    await this.assertMayHandle(key, 'switch on a key of');
    if (key.revokedAt) throw new DomainError('INVALID_STATE', 'A revoked key cannot be switched on');
    if (!key.suspendedAt) throw new DomainError('INVALID_STATE', 'The key is not suspended');
    const [owner] = key.createdBy ? await em.query('SELECT status FROM users WHERE id = $1', [key.createdBy]) : [];
    if (owner?.status !== 'active') {
      throw new DomainError('INVALID_STATE', 'The key\u2019s owner is not active: reactivate them first');
    }
    await em.getRepository(ApiKey).update({ id }, { suspendedAt: null });
    return this.get(id);
  }

  /**
   * A key acts as its owner: handling it (rotating, revoking, switching it on) needs authority
   * over the owner, or over its scopes when the owner is gone.
   */
  private assertMayHandle(key: ApiKey, what: string): Promise<void> {
    return this.authority.assertMayHandleCredential(key.createdBy, key.scopes, what);
  }

  /**
   * The principal of a presented key, or null (unknown, wrong secret, revoked, expired): one
   * answer for all. Binds the key's tenant to the request.
   */
  async authenticate(raw: string): Promise<ApiKeyPrincipal | null> {
    const parsed = parseApiKey(raw);
    if (!parsed) return null;
    const tenant = await this.registry.find(parsed.tenantId);
    if (!tenant) return null;
    this.tenant.set(tenant);
    // The request's first query, sent with the start of its transaction (the id, from the key's
    // own bytes, is always a well-formed UUID).
    // Its owner's authority comes in the same round trip: one row per role the owner holds.
    const rows = await this.db.query<KeyRow & AuthorityRow>(
      `SELECT k.id, k.secret_hash AS "secretHash", k.scopes, k.created_by AS "createdBy", k.expires_at AS "expiresAt",
              k.revoked_at AS "revokedAt", k.suspended_at AS "suspendedAt", k.use_count AS "useCount", o.*
         FROM api_keys k
         LEFT JOIN LATERAL (${authoritySelect('k.created_by')}) o ON true
        WHERE k.id = '${parsed.keyId}'::uuid`,
    );
    const key = rows[0];
    const presented = Buffer.from(sha256(parsed.secret.toString('base64url')), 'hex');
    const stored = Buffer.from(key?.secretHash ?? '0'.repeat(64), 'hex');
    const matches = presented.length === stored.length && timingSafeEqual(presented, stored);
    if (!key || !matches || key.revokedAt || key.suspendedAt || (key.expiresAt && key.expiresAt <= new Date())) return null;
    // A key never outranks its owner: it acts with its scopes within the owner's permissions now,
    // and not at all once the owner is deactivated, locked out or gone.
    const owner = key.createdBy ? authorityFromRows(key.createdBy, rows) : null;
    if (!owner || owner.status !== 'active' || owner.locked) return null;
    await this.recordUse(key, tenant);
    return {
      kind: 'api_key',
      keyId: key.id,
      tenantId: tenant.id,
      scopes: key.scopes.filter((s) => isPermission(s) && owner.permissions.has(s)),
      createdBy: key.createdBy,
    };
  }

  /**
   * Counts a use in Redis (and when it happened). The running total lives in Redis, seeded from
   * the row; the row is brought up to it at most once a minute per key, not once per call, in its
   * own unit of work after a request commits. A request that fails still counts.
   */
  private async recordUse(key: KeyRow, tenant: Tenant): Promise<void> {
    const keys = this.usageKeys(tenant.id, key.id);
    // One round trip counts the use and tells whether a flush of the count is due.
    const [, flushedLately] = (await this.redis.client.eval(
      COUNT_USE,
      3,
      keys.uses,
      keys.lastUsed,
      keys.flush,
      key.useCount,
      new Date().toISOString(),
      USAGE_TTL_SECONDS,
    )) as [number, number];
    if (flushedLately) return;
    this.db.afterCommit(() => this.flush(tenant, key.id));
  }

  private async flush(tenant: Tenant, keyId: string): Promise<void> {
    const keys = this.usageKeys(tenant.id, keyId);
    if ((await this.redis.client.set(keys.flush, '1', 'EX', FLUSH_EVERY_SECONDS, 'NX')) !== 'OK') return;
    const [total, lastUsed] = await this.redis.client.mget(keys.uses, keys.lastUsed);
    await this.db.run(tenant, async (em) => {
      const [row] = await em.query('SELECT use_count FROM api_keys WHERE id = $1 FOR UPDATE', [keyId]);
      const uses = Number(total ?? 0) - Number(row?.use_count ?? 0);
      if (!row || uses <= 0) return;
      await em.query('UPDATE api_keys SET use_count = $1, last_used_at = GREATEST(last_used_at, $2::timestamptz) WHERE id = $3', [
        Number(total),
        lastUsed ?? new Date().toISOString(),
        keyId,
      ]);
      // One audit event per flush (uses counted), not one per call.
      await this.audit.record(em, 'tenant', {
        action: 'api_key.used',
        actor: { type: 'api_key', id: keyId },
        resource: { type: 'api_key', id: keyId },
        metadata: { uses, lastUsedAt: lastUsed },
        tenantId: tenant.id,
      });
    });
  }

  private usageKeys(tenantId: string, keyId: string) {
    return {
      uses: this.redis.key('api-key-uses', tenantId, keyId),
      lastUsed: this.redis.key('api-key-last-used', tenantId, keyId),
      flush: this.redis.key('api-key-flush', tenantId, keyId),
    };
  }

  /** Adds use counts not yet flushed from Redis, and flags keys whose creator was deactivated. */
  private async withPendingUses(keys: ApiKey[]): Promise<(ApiKey & { flagged: boolean })[]> {
    if (!keys.length) return [];
    const tenantId = this.tenant.get().id;
    const usage = keys.map((k) => this.usageKeys(tenantId, k.id));
    const [pending, lastUsed] = await Promise.all([
      this.redis.client.mget(usage.map((u) => u.uses)),
      this.redis.client.mget(usage.map((u) => u.lastUsed)),
    ]);
    const creators = [...new Set(keys.map((k) => k.createdBy).filter((c): c is string => !!c))];
    const inactive = new Set<string>(
      creators.length
        ? (
            await (
              await this.db.manager()
            ).query(`SELECT id FROM users WHERE id = ANY($1) AND status = 'deactivated'`, [creators])
          ).map((r: { id: string }) => r.id)
        : [],
    );
    return keys.map((k, i) => {
      const recent = lastUsed[i] ? new Date(lastUsed[i]!) : null;
      return Object.assign(k, {
        useCount: String(Math.max(Number(k.useCount), Number(pending[i] ?? 0))),
        lastUsedAt: recent && (!k.lastUsedAt || recent > k.lastUsedAt) ? recent : k.lastUsedAt,
        flagged: !!k.createdBy && inactive.has(k.createdBy),
      });
    });
  }

  private newSecret(keyId: string): { secret: Buffer; raw: string } {
    const secret = randomBytes(24);
    return { secret, raw: formatApiKey(keyId, this.tenant.get().id, secret) };
  }
}
