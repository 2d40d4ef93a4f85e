/**
 * The audit action catalogue: every action the trail records, with its category and severity.
 * Routes name their action with @Audited; a test checks every name is listed here.
 */
export type AuditCategory = 'auth' | 'access' | 'data' | 'admin' | 'audit' | 'platform';
export type AuditSeverity = 'info' | 'warning' | 'critical';

interface ActionDef {
  category: AuditCategory;
  severity: AuditSeverity;
  description: string;
}

const a = (category: AuditCategory, severity: AuditSeverity, description: string): ActionDef => ({
  category,
  severity,
  description,
});

export const AUDIT_ACTIONS = {
  'auth.login': a('auth', 'info', 'Password login (outcome success or failure)'),
  'auth.mfa.verify': a('auth', 'info', 'Second step of an MFA login'),
  'auth.account.locked': a('auth', 'critical', 'An account was locked after repeated failed logins'),
  'auth.account.unlocked': a('auth', 'warning', 'An admin unlocked an account'),
  'auth.refresh': a('auth', 'info', 'Refresh token exchanged for new tokens'),
  'auth.refresh_token.reused': a('auth', 'critical', 'A spent refresh token was presented again; the session was revoked'),
  'auth.logout': a('auth', 'info', 'Session ended by its owner'),
  'auth.logout_all': a('auth', 'info', 'All sessions of an account ended by its owner'),
  'auth.session.revoked': a('auth', 'warning', 'A session was revoked'),
  'auth.password.changed': a('auth', 'warning', 'Password changed by its owner'),
  'auth.password_reset.requested': a('auth', 'info', 'Password reset link requested'),
  'auth.password_reset.completed': a('auth', 'warning', 'Password set with a reset link'),
  'auth.email_verification.requested': a('auth', 'info', 'Email verification link requested'),
  'auth.email.verified': a('auth', 'info', 'Email address verified'),
  'auth.invitation.accepted': a('auth', 'info', 'Invitation accepted'),
  'auth.mfa.enrollment_started': a('auth', 'info', 'TOTP enrolment started'),
  'auth.mfa.enabled': a('auth', 'warning', 'TOTP enabled'),
  'auth.mfa.disabled': a('auth', 'critical', 'TOTP disabled'),
  'auth.sso.login': a('auth', 'info', 'Single sign-on login (outcome success or failure)'),
  'auth.sso.user_provisioned': a('access', 'info', 'A user was created just in time at their first single sign-on'),
  'auth.sso.identity_linked': a(
    'auth',
    'warning',
    'An identity provider account was linked to an existing user by verified email',
  ),
  'user.created': a('access', 'info', 'User created'),
  'user.invited': a('access', 'info', 'User invited'),
  'user.invitation.resent': a('access', 'info', 'Invitation sent again'),
  'user.invitation.revoked': a('access', 'info', 'Invitation withdrawn'),
  'user.updated': a('access', 'info', 'User changed'),
  'user.profile.updated': a('access', 'info', 'User changed their own profile'),
  'user.break_glass.enabled': a('access', 'critical', 'Account made break-glass: password sign-in despite enforced SSO'),
  'user.break_glass.disabled': a('access', 'critical', 'Break-glass flag taken from an account'),
  'user.deactivated': a('access', 'warning', 'User deactivated'),
  'user.reactivated': a('access', 'warning', 'User reactivated'),
  'user.bulk_invited': a('access', 'info', 'Users invited in bulk'),
  'user.sessions.revoked': a('access', 'warning', 'An admin ended a user\u2019s sessions'),
  'role.created': a('access', 'warning', 'Custom role created'),
  'role.updated': a('access', 'warning', 'Custom role changed'),
  'role.deleted': a('access', 'warning', 'Custom role deleted'),
  'role.assigned': a('access', 'warning', 'Role assigned to a user'),
  'role.unassigned': a('access', 'warning', 'Role taken from a user'),
  'grant.set': a('access', 'warning', 'Permissions granted on a resource'),
  'grant.revoked': a('access', 'warning', 'Grant on a resource removed'),
  'access.denied': a('access', 'warning', 'A request was refused for lack of permission'),
  'api_key.created': a('admin', 'warning', 'API key created'),
  'api_key.rotated': a('admin', 'warning', 'API key secret rotated'),
  'api_key.revoked': a('admin', 'warning', 'API key revoked'),
  'api_key.enabled': a('admin', 'warning', 'API key switched back on after its owner was deactivated'),
  'api_key.used': a('admin', 'info', 'API key use, counted (one event per flush, not per call)'),
  'sso_provider.created': a('admin', 'warning', 'Identity provider configured for single sign-on'),
  'sso_provider.updated': a('admin', 'warning', 'Identity provider configuration changed (the client secret is never recorded)'),
  'sso_provider.deleted': a('admin', 'critical', 'Identity provider removed; its users can no longer sign in through it'),
  'sso_domain.claimed': a('admin', 'warning', 'Email domain claimed for single sign-on (pending until proven through DNS)'),
  'sso_domain.verified': a(
    'admin',
    'warning',
    'Email domain proven through its DNS TXT record (outcome failure: the record was not found)',
  ),
  'sso_domain.deleted': a(
    'admin',
    'critical',
    'Email domain claim removed; its addresses no longer sign in through SSO by discovery',
  ),
  'directory_token.created': a('admin', 'warning', 'Directory-sync (SCIM) token created'),
  'directory_token.revoked': a('admin', 'warning', 'Directory-sync (SCIM) token revoked'),
  'directory.group_roles.updated': a('access', 'warning', 'Which directory groups grant which roles changed'),
  'directory.user.provisioned': a('access', 'info', 'The directory created or adopted a user'),
  'directory.user.updated': a('access', 'info', 'The directory changed a user (attributes, active state)'),
  'directory.user.deleted': a('access', 'warning', 'The directory deleted a user: deactivated and detached, history kept'),
  'directory.group.created': a('access', 'info', 'The directory created a group'),
  'directory.group.updated': a('access', 'warning', 'The directory changed a group or its members (roles follow mapped groups)'),
  'directory.group.deleted': a('access', 'warning', 'The directory deleted a group (roles it granted are taken back)'),
  'webhook_endpoint.created': a('admin', 'warning', 'Webhook endpoint created'),
  'webhook_endpoint.updated': a('admin', 'warning', 'Webhook endpoint changed (URL, event types, description, enabled)'),
  'webhook_endpoint.deleted': a('admin', 'warning', 'Webhook endpoint deleted'),
  'webhook_endpoint.secret_rotated': a(
    'admin',
    'warning',
    'Webhook signing secret rotated (the old one signs for 24 hours more)',
  ),
  'webhook_endpoint.tested': a('admin', 'info', 'Test event sent to a webhook endpoint'),
  'webhook_endpoint.recovered': a('admin', 'info', 'Failed webhook messages sent again to an endpoint'),
  'webhook_endpoint.disabled': a(
    'admin',
    'warning',
    'Webhook endpoint disabled by the system (410 Gone, or failing for too long)',
  ),
  'webhook_message.retried': a('admin', 'info', 'Webhook message sent again'),
  'project.created': a('data', 'info', 'Project created'),
  'project.updated': a('data', 'info', 'Project changed'),
  'project.deleted': a('data', 'warning', 'Project deleted'),
  'document.created': a('data', 'info', 'Document created'),
  'document.updated': a('data', 'info', 'Document changed'),
  'document.deleted': a('data', 'warning', 'Document deleted'),
  'audit.exported': a('audit', 'warning', 'Audit log exported'),
  'audit.purged': a('audit', 'warning', 'Events past the retention period removed'),
  'tenant.provisioned': a('platform', 'warning', 'Tenant provisioned'),
  'tenant.updated': a('platform', 'warning', 'Tenant name, plan, settings or limits changed'),
  'tenant.suspended': a('platform', 'critical', 'Tenant suspended'),
  'tenant.reactivated': a('platform', 'warning', 'Tenant reactivated'),
  'tenant.moved': a('platform', 'critical', 'Tenant schema moved to another database cluster'),
  'tenant.deleted': a('platform', 'critical', 'Tenant deleted (purged after the grace period)'),
  'tenant.purged': a('platform', 'critical', 'Tenant schema and role dropped'),
  'tenant.settings.updated': a('admin', 'warning', 'A tenant admin changed the tenant\u2019s settings'),
  'support_access.granted': a('admin', 'warning', 'A tenant admin opened a window for platform support to act as users'),
  'support_access.revoked': a('admin', 'warning', 'A tenant admin closed a support access window'),
  'impersonation.started': a('platform', 'critical', 'Platform staff started acting as a tenant user'),
  'impersonation.ended': a('platform', 'warning', 'An impersonation was ended'),
  'impersonation.request': a('access', 'info', 'A request made by platform staff acting as a user'),
  'platform_user.created': a('platform', 'warning', 'Platform staff account created'),
  'platform_user.updated': a('platform', 'warning', 'Platform staff account changed (name, roles)'),
  'platform_user.deactivated': a('platform', 'critical', 'Platform staff account deactivated'),
  'platform_user.reactivated': a('platform', 'warning', 'Platform staff account reactivated'),
} as const satisfies Record<string, ActionDef>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function actionDef(action: string): ActionDef {
  return (AUDIT_ACTIONS as Record<string, ActionDef>)[action] ?? a('admin', 'info', action);
}
