// Platform schema.
import { Entity } from 'typeorm';
import { LoginEventColumns } from '../login/login-event-columns';
import { RecoveryCodeColumns } from '../mfa/recovery-code-columns';
import { RefreshTokenColumns, SessionColumns } from '../sessions/session-columns';

@Entity({ schema: 'platform', name: 'platform_sessions' })
export class PlatformSession extends SessionColumns {}

@Entity({ schema: 'platform', name: 'platform_refresh_tokens' })
export class PlatformRefreshToken extends RefreshTokenColumns {}

@Entity({ schema: 'platform', name: 'platform_login_events' })
export class PlatformLoginEvent extends LoginEventColumns {}

@Entity({ schema: 'platform', name: 'platform_mfa_recovery_codes' })
export class PlatformMfaRecoveryCode extends RecoveryCodeColumns {}
