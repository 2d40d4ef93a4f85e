// Tenant schema.
import { Entity } from 'typeorm';
import { RecoveryCodeColumns } from './recovery-code-columns';

@Entity({ name: 'mfa_recovery_codes' })
export class MfaRecoveryCode extends RecoveryCodeColumns {}
