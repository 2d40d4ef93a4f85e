// Platform schema: platform staff (super admins, support).
import type { PlatformRole } from '@stratum/common';
import { Column, Entity } from 'typeorm';
import { AccountColumns } from '../accounts/account-columns';

@Entity({ schema: 'platform', name: 'platform_users' })
export class PlatformUser extends AccountColumns {
  @Column({ type: 'text', array: true })
  roles: PlatformRole[];
}
