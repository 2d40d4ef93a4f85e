// Tenant schema.
import { Column, Entity } from 'typeorm';
import { AccountColumns } from '../accounts/account-columns';

export type UserStatus = 'invited' | 'active' | 'deactivated';

@Entity({ name: 'users' })
export class User extends AccountColumns {
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** May still sign in with a password when the tenant enforces SSO. */
  @Column('boolean')
  isBreakGlass: boolean;
}
