import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** What every account has, tenant user or platform staff: credentials, lockout and MFA state. */
export abstract class AccountColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column('text')
  status: 'invited' | 'active' | 'deactivated';

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column('int')
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** TOTP seed, encrypted with the key ring. */
  @Column({ type: 'text', nullable: true, select: false })
  mfaSecret: string | null;

  /** A seed being enrolled, until its first code activates it. */
  @Column({ type: 'text', nullable: true, select: false })
  mfaPendingSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;

  /** Last TOTP time step accepted: a code is never accepted twice. */
  @Column({ type: 'bigint', nullable: true, select: false })
  mfaLastStep: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}

/** The secret columns, for queries that need them (they are never selected by default). */
export const SECRET_ACCOUNT_COLUMNS = ['passwordHash', 'mfaSecret', 'mfaPendingSecret', 'mfaLastStep'] as const;
