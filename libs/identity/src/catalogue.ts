import { auditAction, defineAuditActions, defineDomainEvents, DomainEventsOf, payload } from '@stratum/common';

/** The audit actions the identity library records, with their category and severity. */
export const IDENTITY_AUDIT_ACTIONS = defineAuditActions({
  'auth.login': auditAction('auth', 'info', 'Password login (outcome success or failure)'),
  'auth.mfa.verify': auditAction('auth', 'info', 'Second step of an MFA login'),
  'auth.account.locked': auditAction('auth', 'critical', 'An account was locked after repeated failed logins'),
  'auth.account.unlocked': auditAction('auth', 'warning', 'An admin unlocked an account'),
  'auth.refresh': auditAction('auth', 'info', 'Refresh token exchanged for new tokens'),
  'auth.refresh_token.reused': auditAction(
    'auth',
    'critical',
    'A spent refresh token was presented again; the session was revoked',
  ),
  'auth.logout': auditAction('auth', 'info', 'Session ended by its owner'),
  'auth.logout_all': auditAction('auth', 'info', 'All sessions of an account ended by its owner'),
  'auth.session.revoked': auditAction('auth', 'warning', 'A session was revoked'),
  'auth.password.changed': auditAction('auth', 'warning', 'Password changed by its owner'),
  'auth.password_reset.requested': auditAction('auth', 'info', 'Password reset link requested'),
  'auth.password_reset.completed': auditAction('auth', 'warning', 'Password set with a reset link'),
  'auth.email_verification.requested': auditAction('auth', 'info', 'Email verification link requested'),
  'auth.email.verified': auditAction('auth', 'info', 'Email address verified'),
  'auth.invitation.accepted': auditAction('auth', 'info', 'Invitation accepted'),
  'auth.mfa.enrollment_started': auditAction('auth', 'info', 'TOTP enrolment started'),
  'auth.mfa.enabled': auditAction('auth', 'warning', 'TOTP enabled'),
  'auth.mfa.disabled': auditAction('auth', 'critical', 'TOTP disabled'),
  'user.created': auditAction('access', 'info', 'User created'),
  'user.invited': auditAction('access', 'info', 'User invited'),
  'user.invitation.resent': auditAction('access', 'info', 'Invitation sent again'),
  'user.invitation.revoked': auditAction('access', 'info', 'Invitation withdrawn'),
  'user.updated': auditAction('access', 'info', 'User changed'),
  'user.profile.updated': auditAction('access', 'info', 'User changed their own profile'),
  'user.break_glass.enabled': auditAction(
    'access',
    'critical',
    'Account made break-glass: password sign-in despite enforced SSO',
  ),
  'user.break_glass.disabled': auditAction('access', 'critical', 'Break-glass flag taken from an account'),
  'user.deactivated': auditAction('access', 'warning', 'User deactivated'),
  'user.reactivated': auditAction('access', 'warning', 'User reactivated'),
  'user.bulk_invited': auditAction('access', 'info', 'Users invited in bulk'),
  'user.sessions.revoked': auditAction('access', 'warning', 'An admin ended a user\u2019s sessions'),
  'api_key.created': auditAction('admin', 'warning', 'API key created'),
  'api_key.rotated': auditAction('admin', 'warning', 'API key secret rotated'),
  'api_key.revoked': auditAction('admin', 'warning', 'API key revoked'),
  'api_key.enabled': auditAction('admin', 'warning', 'API key switched back on after its owner was deactivated'),
  'api_key.used': auditAction('admin', 'info', 'API key use, counted (one event per flush, not per call)'),
});

/** A user as events describe it. */
const user = payload.object({
  id: payload.string({ format: 'uuid' }),
  email: payload.string(),
  name: payload.string(),
  status: payload.enum(['invited', 'active', 'deactivated']),
});

/** An API key as events describe it: never its secret. */
const apiKey = payload.object({
  id: payload.string({ format: 'uuid' }),
  name: payload.string(),
  prefix: payload.string({ description: 'The first characters of the key, to recognise it by' }),
  scopes: payload.array(payload.string(), { description: 'Permissions the key is limited to (empty: its owner\u2019s)' }),
  expiresAt: payload.nullable(payload.dateTime()),
});

/** The domain events (webhook event types) the identity library emits, with the JSON Schema of their data. */
export const IDENTITY_EVENTS = defineDomainEvents({
  'user.created': { description: 'A user was created or invited', schema: user },
  'user.updated': { description: 'A user\u2019s name or profile changed', schema: user },
  'user.deactivated': { description: 'A user was deactivated', schema: user },
  'user.reactivated': { description: 'A deactivated user was reactivated', schema: user },
  'api_key.created': { description: 'An API key was created', schema: apiKey },
  'api_key.revoked': { description: 'An API key was revoked', schema: apiKey },
});

type IdentityAuditActions = typeof IDENTITY_AUDIT_ACTIONS;
type IdentityEvents = DomainEventsOf<typeof IDENTITY_EVENTS>;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends IdentityAuditActions {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEventMap extends IdentityEvents {}
}
