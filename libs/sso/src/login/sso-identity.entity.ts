// Tenant schema.
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A provider account linked to a user: `(providerId, subject)` names exactly one user. */
@Entity({ name: 'sso_identities' })
export class SsoIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  providerId: string;

  /** The provider's `sub` claim (SAML: the NameID): stable for the user at that provider, unlike the email. */
  @Column('text')
  subject: string;

  @Column('uuid')
  userId: string;

  /** The email the provider gave at the last sign-in (for admins; never used to match). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** The groups the provider asserted at the last sign-in (SAML `groups` attribute), for admins. */
  @Column({ type: 'text', array: true, nullable: true })
  groups: string[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
