import { auditAction, defineAuditActions } from '@stratum/common';

/** The audit actions the single sign-on library records, with their category and severity. */
export const SSO_AUDIT_ACTIONS = defineAuditActions({
  'auth.sso.login': auditAction('auth', 'info', 'Single sign-on login (outcome success or failure)'),
  'auth.sso.user_provisioned': auditAction('access', 'info', 'A user was created just in time at their first single sign-on'),
  'auth.sso.identity_linked': auditAction(
    'auth',
    'warning',
    'An identity provider account was linked to an existing user by verified email',
  ),
  'sso_provider.created': auditAction('admin', 'warning', 'Identity provider configured for single sign-on'),
  'sso_provider.updated': auditAction(
    'admin',
    'warning',
    'Identity provider configuration changed (the client secret is never recorded)',
  ),
  'sso_provider.deleted': auditAction(
    'admin',
    'critical',
    'Identity provider removed; its users can no longer sign in through it',
  ),
  'sso_domain.claimed': auditAction(
    'admin',
    'warning',
    'Email domain claimed for single sign-on (pending until proven through DNS)',
  ),
  'sso_domain.verified': auditAction(
    'admin',
    'warning',
    'Email domain proven through its DNS TXT record (outcome failure: the record was not found)',
  ),
  'sso_domain.deleted': auditAction(
    'admin',
    'critical',
    'Email domain claim removed; its addresses no longer sign in through SSO by discovery',
  ),
});

type SsoAuditActions = typeof SSO_AUDIT_ACTIONS;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends SsoAuditActions {}
}
