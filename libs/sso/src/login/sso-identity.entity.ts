// Tenant schema.
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A provider account linked to a user: `(providerId, subject)` names exactly one user. */
@Entity({ name: 'sso_identities' })
export class SsoIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  providerId: string;

  /** The provider's `sub` claim: stable for the user at that provider, unlike the email. */
  @Column('text')
  subject: string;

  @Column('uuid')
  userId: string;

  /** The email the provider gave at the last sign-in (for admins; never used to match). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
