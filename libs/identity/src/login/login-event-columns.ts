import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

export type LoginOutcome = 'success' | 'failure' | 'locked' | 'mfa_challenge' | 'mfa_failure';

/** One sign-in attempt: login history for the user, evidence for admins. */
export abstract class LoginEventColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column('text')
  email: string;

  @Column('text')
  outcome: LoginOutcome;

  @Column('text')
  method: string;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
