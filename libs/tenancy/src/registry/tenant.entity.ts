// Platform schema: the tenant registry.
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const PLANS = ['free', 'starter', 'professional', 'enterprise', 'custom'] as const;
export type PlanKey = (typeof PLANS)[number];

/** Limits usage is metered against (GET /tenant/usage). */
export const METERED_LIMIT_KEYS = ['seats', 'apiCallsPerDay', 'webhookEndpoints', 'auditRetentionDays', 'storageMb'] as const;
export type MeteredLimitKey = (typeof METERED_LIMIT_KEYS)[number];

/** Plan limits a super admin can override per tenant: the metered ones and the request rate. */
export const LIMIT_KEYS = [...METERED_LIMIT_KEYS, 'requestsPerMinute'] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];

export const SLUG_PATTERN = /^[a-z][a-z0-9-]{2,62}$/;

export interface TenantSettings {
  allowedEmailDomains?: string[];
  ssoEnforced?: boolean;
  mfaRequired?: boolean;
  supportAccess?: 'always' | 'consent' | 'never';
  ipAllowlist?: string[];
  /** Consecutive failed logins that lock an account (default LOCKOUT_THRESHOLD). */
  lockoutThreshold?: number;
  /** How long a locked account stays locked (default LOCKOUT_MINUTES). */
  lockoutMinutes?: number;
}

@Entity({ schema: 'platform', name: 'tenants' })
export class Tenant {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  status: TenantStatus;

  @Column({ type: 'text' })
  plan: PlanKey;

  @Column({ type: 'jsonb', default: {} })
  limitOverrides: Record<string, number>;

  @Column({ type: 'jsonb', default: {} })
  settings: TenantSettings;

  /** Derived from the id at provisioning, never from user input. */
  @Column({ type: 'text' })
  schemaName: string;

  @Column({ type: 'text' })
  roleName: string;

  /** The PostgreSQL cluster holding the schema and role (`main` is DATABASE_URL; others DATABASE_CLUSTERS). */
  @Column({ type: 'text', default: 'main' })
  cluster: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  purgedAt: Date | null;
}
