import type { LimitKey, PlanKey } from '@stratum/tenancy';

export const FEATURES = ['sso', 'custom_roles', 'audit_export', 'ip_allowlist', 'webhooks', 'scim'] as const;
export type Feature = (typeof FEATURES)[number];

export interface PlanDefinition {
  name: string;
  limits: Record<LimitKey, number>;
  features: readonly Feature[];
}

/**
 * The plans and what they allow. A tenant's effective limits are its plan's, with the super
 * admin's per-tenant overrides on top; `custom` starts from the enterprise limits.
 * `requestsPerMinute` is the rate of authenticated requests the whole tenant may make (per
 * RATE_LIMIT_WINDOW_MS), across every API instance.
 */
export const PLAN_CATALOGUE: Record<PlanKey, PlanDefinition> = {
  free: {
    name: 'Free',
    limits: {
      seats: 5,
      apiCallsPerDay: 1_000,
      webhookEndpoints: 0,
      auditRetentionDays: 30,
      storageMb: 100,
      requestsPerMinute: 120,
    },
    features: [],
  },
  starter: {
    name: 'Starter',
    limits: {
      seats: 25,
      apiCallsPerDay: 10_000,
      webhookEndpoints: 3,
      auditRetentionDays: 90,
      storageMb: 1_000,
      requestsPerMinute: 600,
    },
    features: ['webhooks'],
  },
  professional: {
    name: 'Professional',
    limits: {
      seats: 100,
      apiCallsPerDay: 100_000,
      webhookEndpoints: 10,
      auditRetentionDays: 365,
      storageMb: 10_000,
      requestsPerMinute: 3_000,
    },
    features: ['webhooks', 'custom_roles', 'audit_export', 'sso', 'scim'],
  },
  enterprise: {
    name: 'Enterprise',
    limits: {
      seats: 1_000,
      apiCallsPerDay: 1_000_000,
      webhookEndpoints: 50,
      auditRetentionDays: 2_555,
      storageMb: 100_000,
      requestsPerMinute: 12_000,
    },
    features: ['webhooks', 'custom_roles', 'audit_export', 'sso', 'ip_allowlist', 'scim'],
  },
  custom: {
    name: 'Custom',
    limits: {
      seats: 1_000,
      apiCallsPerDay: 1_000_000,
      webhookEndpoints: 50,
      auditRetentionDays: 2_555,
      storageMb: 100_000,
      requestsPerMinute: 12_000,
    },
    features: ['webhooks', 'custom_roles', 'audit_export', 'sso', 'ip_allowlist', 'scim'],
  },
};
