// Tenant schema.
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Permissions of one user on one resource (e.g. a project), beyond their roles. */
@Entity({ name: 'resource_grants' })
export class ResourceGrant {
  @PrimaryColumn('text')
  resourceType: string;

  @PrimaryColumn('uuid')
  resourceId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'text', array: true })
  permissions: string[];

  @Column({ type: 'uuid', nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
