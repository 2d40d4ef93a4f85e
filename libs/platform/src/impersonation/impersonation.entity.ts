// Platform schema: impersonations by platform staff.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'platform', name: 'impersonations' })
export class Impersonation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  platformUserId: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  userEmail: string;

  @Column('text')
  reason: string;

  /** `read`: every write refused; `write`: the writes marked for impersonation. */
  @Column('text')
  mode: 'read' | 'write';

  @Column('timestamptz')
  startedAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endedBy: string | null;
}
